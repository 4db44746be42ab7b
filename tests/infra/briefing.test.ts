import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/config.js";
import { synthHerald } from "./helpers.js";

type Template = ReturnType<typeof synthHerald>["template"];

const briefingFunction = (template: Template) =>
  Object.entries(template.findResources("AWS::Lambda::Function")).find(([id]) => id.startsWith("Briefing"));

describe("the daily briefing in the stack", () => {
  it("runs daily at the configured hour in the newsroom's time zone, with retries and an alarmed DLQ", () => {
    // Act
    const { template } = synthHerald({ briefingHour: "6", briefingTimeZone: "Europe/Berlin" });

    // Assess
    const [id, fn] = briefingFunction(template) ?? [];
    expect(id).toBeDefined();
    expect(fn?.Properties.Environment.Variables).toMatchObject({
      HERALD_BRIEFING_HOUR: "6",
      HERALD_BRIEFING_TIME_ZONE: "Europe/Berlin",
    });
    template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "cron(0 6 * * ? *)",
      ScheduleExpressionTimezone: "Europe/Berlin",
      Target: {
        Arn: { "Fn::GetAtt": [id, "Arn"] },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
        DeadLetterConfig: { Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("BriefingDlq"), "Arn"] } },
      },
    });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Dimensions: Match.arrayWith([
        Match.objectLike({ Value: { "Fn::GetAtt": [Match.stringLikeRegexp("BriefingDlq"), "QueueName"] } }),
      ]),
    });
  });

  it("may queue work for the render function and nothing else, and sends no mail itself", () => {
    const { template } = synthHerald();
    const statements = Object.values(template.findResources("AWS::IAM::Policy"))
      .filter((p) => /"Ref":"BriefingRole/.test(JSON.stringify(p.Properties.Roles)))
      .flatMap(
        (p) =>
          p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>,
      );
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.filter((a) => a.startsWith("ses:"))).toEqual([]);
    const sqs = statements.filter((s) => JSON.stringify(s.Action).includes("sqs:SendMessage"));
    expect(sqs.map((s) => JSON.stringify(s.Resource))).toEqual([expect.stringMatching(/EditionQueue/)]);
  });

  it("refuses a time zone that is not an IANA name", () => {
    expect(() => parseConfig({ briefingTimeZone: "Mars/Olympus" })).toThrow(/IANA time zone/);
  });
});
