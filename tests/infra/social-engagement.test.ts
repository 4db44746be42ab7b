import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { logicalId, resourcesOf, synthHerald } from "./helpers.js";

describe("the social engagement sweep in the stack", () => {
  it("invokes the social worker every 15 minutes with { engagementSweep: true }, with retries and a DLQ", () => {
    // Prepare
    const { template } = synthHerald();
    const worker = logicalId(template, "AWS::Lambda::Function", "SocialWorker");

    // Act
    const sweeps = resourcesOf(template, "AWS::Scheduler::Schedule").filter(([id]) =>
      id.includes("SocialEngagement"),
    );

    // Assess
    expect(sweeps).toHaveLength(1);
    template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "rate(15 minutes)",
      Target: {
        Arn: { "Fn::GetAtt": [worker, "Arn"] },
        Input: JSON.stringify({ engagementSweep: true }),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("SocialEngagementDlq"), "Arn"] } },
      },
    });
  });

  it("the schedule's role may invoke the social worker and send to its own DLQ, nothing else", () => {
    // Prepare
    const { template } = synthHerald();
    const role = logicalId(template, "AWS::IAM::Role", "SocialEngagementRole");
    const worker = logicalId(template, "AWS::Lambda::Function", "SocialWorker");

    // Act
    const policies = resourcesOf(template, "AWS::IAM::Policy").filter(([, p]) =>
      JSON.stringify(p.Properties.Roles).includes(role),
    );

    // Assess
    const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const resourceOf = (action: string) =>
      JSON.stringify(statements.filter((s) => s.Action === action).map((s) => s.Resource));
    expect(statements.map((s) => s.Action).sort()).toEqual(["lambda:InvokeFunction", "sqs:SendMessage"]);
    expect(resourceOf("lambda:InvokeFunction")).toContain(worker);
    expect(resourceOf("lambda:InvokeFunction").match(/"Fn::GetAtt"/g)).toHaveLength(2);
    expect(resourceOf("sqs:SendMessage")).toContain("SocialEngagementDlq");
  });
});
