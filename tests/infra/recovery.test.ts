import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { logicalId, type Props, resourcesOf, synthHerald } from "./helpers.js";

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Props };

/** The recovery function's IAM statements (its role's policies). */
function recoveryGrants(): Statement[] {
  const { template } = synthHerald();
  const fnId = logicalId(template, "AWS::Lambda::Function", "RecoveryRecover");
  const fn = template.toJSON().Resources[fnId] as Props;
  const roleId = fn.Properties.Role["Fn::GetAtt"][0];
  return resourcesOf(template, "AWS::IAM::Policy")
    .map(([, p]) => p.Properties as Props)
    .filter((p) => p.Roles.some((r: Props) => r.Ref === roleId))
    .flatMap((p) => p.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe("recovery: a scheduled pass that queues again what stopped, with its alarm", () => {
  it("runs the recovery function every 5 minutes on EventBridge Scheduler, with retries and a DLQ (cdk-nag clean)", () => {
    const { template } = synthHerald(); // throws if cdk-nag finds anything unacknowledged
    const fnId = logicalId(template, "AWS::Lambda::Function", "RecoveryRecover");
    template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "rate(5 minutes)",
      Target: {
        Arn: { "Fn::GetAtt": [fnId, "Arn"] },
        RetryPolicy: { MaximumRetryAttempts: 3 },
        DeadLetterConfig: { Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("RecoveryDlq"), "Arn"] } },
      },
    });
    template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: Match.objectLike({ HERALD_STALL_SECONDS: "600" }) },
    });
  }, 60_000);

  it("counts stalled fan-outs from the pass's log line and alarms on the first one", () => {
    const { template } = synthHerald();
    template.hasResourceProperties("AWS::Logs::MetricFilter", {
      FilterPattern: '{ $.message = "recovery pass" }',
      MetricTransformations: [
        Match.objectLike({
          MetricNamespace: "Herald",
          MetricName: "StalledFanOuts",
          MetricValue: "$.stalled",
        }),
      ],
    });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "Herald",
      MetricName: "StalledFanOuts",
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      AlarmActions: [{ Ref: Match.stringLikeRegexp("AlarmTopic") }],
    });
  });

  it("is granted only what it touches: unfinished-work and fan-out items, the three work queues, its logs (no secret)", () => {
    const grants = recoveryGrants();
    const services = [...new Set(grants.flatMap(actionsOf).map((a) => a.split(":")[0]))].sort();
    expect(services).toEqual(["dynamodb", "logs", "sqs"]);

    const table = grants.filter((s) => actionsOf(s).some((a) => a.startsWith("dynamodb:")));
    expect(table).toHaveLength(1);
    const [dynamo] = table as [Statement];
    expect(actionsOf(dynamo).sort()).toEqual(
      [
        "dynamodb:BatchGetItem",
        "dynamodb:DeleteItem",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Query",
        "dynamodb:UpdateItem",
      ].sort(),
    );
    expect(JSON.stringify(dynamo.Resource)).not.toContain("/index/");
    expect(dynamo.Condition).toEqual({
      "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["WORK*", "ED#*"] },
    });

    const queues = grants
      .filter((s) => actionsOf(s).includes("sqs:SendMessage"))
      .map((s) => JSON.stringify(s.Resource))
      .join(" ");
    expect(queues).toContain("SendingEditionQueue");
    expect(queues).toContain("SendingSendQueue");
    expect(queues).toContain("SocialPostQueue");
    expect(queues).not.toContain("Dlq");
    expect(grants.flatMap(actionsOf).filter((a) => a.startsWith("sqs:") && a !== "sqs:SendMessage")).toEqual(
      expect.not.arrayContaining(["sqs:ReceiveMessage", "sqs:DeleteMessage"]),
    );
  });
});
