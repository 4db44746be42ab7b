import { Duration, Stack, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { ScheduleGroup } from "aws-cdk-lib/aws-scheduler";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { RuntimeEnvironment } from "./runtime-environment.js";
import type { WorkerQueue } from "./worker-queue.js";

export interface EditionReleasesProps {
  env: RuntimeEnvironment;
  /** Where a fired schedule puts the edition's job. */
  editionQueue: WorkerQueue;
}

/**
 * Scheduled sends: the functions create one EventBridge Scheduler one-time schedule per scheduled
 * edition (`functions/adapters/scheduler/eventbridge-scheduler.ts`) in this group, targeting the
 * edition queue through this role; a fire that cannot be delivered lands in the DLQ, to be alarmed on.
 * `grantManage` lets a function create, move and delete them.
 */
export class EditionReleases extends Construct {
  readonly group: ScheduleGroup;
  readonly role: iam.Role;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: EditionReleasesProps) {
    super(scope, id);
    // Named after the stack, so an operator finds it at a glance (and it reads as a name, not a token).
    this.group = new ScheduleGroup(this, "Group", {
      scheduleGroupName: `${Stack.of(this).stackName}-edition-releases`,
    });
    this.deadLetterQueue = new Queue(this, "Dlq", {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason: "This queue is the edition schedules' dead-letter queue; SQS cannot see that relationship.",
    });
    this.role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
    });
    props.editionQueue.grantSend(this.role);
    this.deadLetterQueue.grantSendMessages(this.role);
    props.env.set("HERALD_SCHEDULE_GROUP", this.group.scheduleGroupName);
    props.env.set("HERALD_EDITION_QUEUE_ARN", props.editionQueue.queue.queueArn);
    props.env.set("HERALD_SCHEDULER_ROLE_ARN", this.role.roleArn);
    props.env.set("HERALD_SCHEDULER_DLQ_ARN", this.deadLetterQueue.queueArn);
  }

  /** Create, update and delete the group's schedules, and hand them the role (to the scheduler only). */
  grantManage(fn: iam.IGrantable & Construct): void {
    const schedules = Stack.of(this).formatArn({
      service: "scheduler",
      resource: "schedule",
      resourceName: `${this.group.scheduleGroupName}/*`,
    });
    fn.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule"],
        resources: [schedules],
      }),
    );
    fn.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["iam:PassRole"],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com" } },
      }),
    );
    // The policy sits on the function's role, a sibling of the function in the tree.
    Validations.of(fn.grantPrincipal as unknown as Construct).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${this.group.scheduleGroupName}/*]`,
      reason: "One schedule per scheduled edition, named after it: this group's schedules only.",
    });
  }
}
