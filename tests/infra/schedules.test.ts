import { Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { HeraldFunction } from "../../infra/constructs/herald-function.js";
import { HeraldSchedules } from "../../infra/constructs/schedules.js";
import { FUNCTION_SPECS } from "../../infra/function-specs.js";
import { handlersDir, testApp } from "./helpers.js";

describe("schedules: the extension point for the daily briefing", () => {
  it("creates nothing until a schedule is added", () => {
    const stack = new Stack(testApp(), "Empty");
    const schedules = new HeraldSchedules(stack, "Schedules");
    expect(schedules.node.children).toHaveLength(0);
  });

  it("addDaily: a time-zoned cron on EventBridge Scheduler with retries and a DLQ, cdk-nag clean", () => {
    const app = testApp();
    const stack = new Stack(app, "Briefing");
    const target = new HeraldFunction(stack, "Target", {
      ...FUNCTION_SPECS.send,
      handlersDir: handlersDir(),
    });
    new HeraldSchedules(stack, "Schedules").addDaily("Briefing", {
      target,
      hour: 6,
      timeZone: "Europe/Berlin",
    });
    const template = Template.fromStack(stack); // throws if cdk-nag finds anything unacknowledged
    template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "cron(0 6 * * ? *)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      Target: {
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("BriefingDlq"), "Arn"] } },
      },
    });
  });
});
