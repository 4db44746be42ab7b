import { type CfnElement, Duration, Stack, TimeZone, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

export interface RateScheduleOptions {
  target: lambda.IFunction;
  minutes: number;
  input?: Record<string, unknown>;
}

export interface DailyScheduleOptions {
  target: lambda.IFunction;
  /** Local time of day in `timeZone` (IANA name): a 6 am briefing stays at 6 am across DST. */
  hour: number;
  minute?: number;
  timeZone: string;
  input?: Record<string, unknown>;
}

/**
 * Timed work, on EventBridge Scheduler (time zones, retries, a DLQ per target). The daily briefing
 * arrives with its function: `schedules.addDaily("Briefing", { target: briefingFn, hour: 6,
 * timeZone: "Europe/Berlin" })`; the feed poller runs on `addEvery`. A stack without either creates
 * nothing here, so it costs nothing.
 */
export class HeraldSchedules extends Construct {
  private group?: ScheduleGroup;
  /** Every schedule's dead-letter queue, for the alarms. */
  readonly deadLetterQueues: Array<{ id: string; queue: Queue }> = [];

  addDaily(id: string, options: DailyScheduleOptions): Schedule {
    return this.add(
      id,
      options,
      ScheduleExpression.cron({
        hour: String(options.hour),
        minute: String(options.minute ?? 0),
        timeZone: TimeZone.of(options.timeZone),
      }),
    );
  }

  /** Every `minutes` minutes (the feed poller). */
  addEvery(id: string, options: RateScheduleOptions): Schedule {
    return this.add(id, options, ScheduleExpression.rate(Duration.minutes(options.minutes)));
  }

  private add(
    id: string,
    options: { target: lambda.IFunction; input?: Record<string, unknown> },
    expression: ScheduleExpression,
  ): Schedule {
    this.group ??= new ScheduleGroup(this, "Group");
    // A missed run must be visible, not lost: undeliverable invocations land here and are alarmed on.
    const deadLetterQueue = new Queue(this, `${id}Dlq`, {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
    });
    Validations.of(deadLetterQueue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason: "This queue is the scheduler target's dead-letter queue; SQS cannot see that relationship.",
    });
    // The scheduler's role may invoke the target only; CDK's invoke grant also names `<arn>:*` (its
    // versions and aliases), the one wildcard acknowledged here.
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
    });
    const targetId = Stack.of(this).resolve((options.target.node.defaultChild as CfnElement).logicalId);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${targetId}.Arn>:*]`,
      reason:
        "Invoke permission on the target function and its versions/aliases, as CDK's grantInvoke writes it; nothing else.",
    });
    this.deadLetterQueues.push({ id, queue: deadLetterQueue });
    return new Schedule(this, id, {
      scheduleGroup: this.group,
      schedule: expression,
      target: new LambdaInvoke(options.target, {
        role,
        deadLetterQueue,
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        input: ScheduleTargetInput.fromObject(options.input ?? {}),
      }),
    });
  }
}
