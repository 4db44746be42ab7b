import type { CfnElement } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import { describe, expect, it } from "vitest";
import { logicalId, type Props, resourcesOf, synthHerald } from "./helpers.js";

/**
 * Scheduled sends on AWS: a schedule group for the editions' one-time schedules, the role the
 * scheduler uses to put a job on the edition queue, its DLQ, and who may manage the schedules.
 */
describe("edition releases (scheduled sends)", () => {
  const { template, stack } = synthHerald({ review: "ghost,feeds" });
  const idOf = (c: IConstruct) => stack.resolve((c.node.defaultChild as CfnElement).logicalId) as string;
  const resources = template.toJSON().Resources as Record<string, Props>;
  const groupId = logicalId(template, "AWS::Scheduler::ScheduleGroup", "EditionReleases");
  const groupName = resources[groupId]?.Properties.Name as string;
  const roleId = idOf(stack.editionReleases.role);
  const queueId = idOf(stack.sending.editionQueue.queue);
  const policies = resourcesOf(template, "AWS::IAM::Policy").map(([, p]) => p.Properties as Props);
  const statementsOf = (role: string) =>
    policies
      .filter((p) => p.Roles.some((r: Props) => r.Ref === role))
      .flatMap((p) => p.PolicyDocument.Statement as Props[]);
  const roleOf = (hint: string) => {
    const [, fn] = resourcesOf(template, "AWS::Lambda::Function").find(([id]) => id.startsWith(hint)) ?? [];
    return ((fn as Props).Properties as Props).Role["Fn::GetAtt"][0] as string;
  };

  it("lets only the scheduler of this account assume the role, which may send to the edition queue and the DLQ", () => {
    const trust = resources[roleId]?.Properties.AssumeRolePolicyDocument.Statement[0];
    expect(trust.Principal).toEqual({ Service: "scheduler.amazonaws.com" });
    expect(trust.Condition).toEqual({ StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } });
    const sends = statementsOf(roleId).filter((s) => [s.Action].flat().includes("sqs:SendMessage"));
    const targets = JSON.stringify(sends.map((s) => s.Resource));
    expect(targets).toContain(`"${queueId}"`);
    expect(targets).toContain(`"${idOf(stack.editionReleases.deadLetterQueue)}"`);
  });

  it.each(["ApiFunction", "SendingRenderPlan"])(
    "lets %s create, move and delete the group's schedules and pass the role to the scheduler only",
    (fn) => {
      const statements = statementsOf(roleOf(fn));
      const manage = statements.find((s) => [s.Action].flat().includes("scheduler:CreateSchedule"));
      expect([manage?.Action].flat().sort()).toEqual([
        "scheduler:CreateSchedule",
        "scheduler:DeleteSchedule",
        "scheduler:UpdateSchedule",
      ]);
      expect(JSON.stringify(manage?.Resource)).toContain(`:schedule/${groupName}/*`);
      const pass = statements.find((s) => s.Action === "iam:PassRole");
      expect(pass?.Resource).toEqual({ "Fn::GetAtt": [roleId, "Arn"] });
      expect(pass?.Condition).toEqual({ StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com" } });
    },
  );

  it("gives the send worker no say over schedules", () => {
    const statements = statementsOf(roleOf("SendingSend"));
    expect(statements.flatMap((s) => [s.Action].flat()).some((a: string) => a.startsWith("scheduler:"))).toBe(
      false,
    );
  });

  it("tells every function the group, queue, role and DLQ, and the review mode from context", () => {
    const [, api] =
      resourcesOf(template, "AWS::Lambda::Function").find(([id]) => id.startsWith("ApiFunction")) ?? [];
    const vars = ((api as Props).Properties as Props).Environment.Variables;
    expect(vars.HERALD_SCHEDULE_GROUP).toBe(groupName);
    expect(vars.HERALD_EDITION_QUEUE_ARN).toEqual({ "Fn::GetAtt": [queueId, "Arn"] });
    expect(vars.HERALD_SCHEDULER_ROLE_ARN).toEqual({ "Fn::GetAtt": [roleId, "Arn"] });
    expect(vars.HERALD_SCHEDULER_DLQ_ARN).toBeDefined();
    expect(vars.HERALD_REVIEW).toBe("ghost,feeds");
  });

  it("defaults review to off, and refuses an unknown source", () => {
    const { template: plain } = synthHerald();
    const [, api] =
      resourcesOf(plain, "AWS::Lambda::Function").find(([id]) => id.startsWith("ApiFunction")) ?? [];
    expect(((api as Props).Properties as Props).Environment.Variables.HERALD_REVIEW).toBe("off");
    expect(() => synthHerald({ review: "twitter" })).toThrow(/webhook, ghost, wordpress, feeds/);
  });
});
