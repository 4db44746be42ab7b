import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
  UpdateScheduleCommand,
} from "@aws-sdk/client-scheduler";
import type { Scheduler } from "../../flows/ports.js";

export interface EventBridgeSchedulerOptions {
  /** The schedule group the stack made for editions (its schedules are named after them). */
  groupName: string;
  /** The edition queue: a fired schedule puts the edition's job there. */
  queueArn: string;
  /** The role EventBridge Scheduler assumes to send to the queue. */
  roleArn: string;
  /** Where an undeliverable fire lands, to be alarmed on. */
  deadLetterArn?: string;
}

/** `at()` takes a local time without zone or fraction; with `ScheduleExpressionTimezone: UTC` it is UTC. */
export const atExpression = (at: Date) =>
  `at(${new Date(Math.ceil(at.getTime() / 1000) * 1000).toISOString().slice(0, 19)})`;

/** A schedule per edition: its name is the edition id (`ed_` + 22 letters and digits fit the 64 allowed). */
export const scheduleName = (editionId: string) => `edition-${editionId}`;

/**
 * The AWS {@link Scheduler}: one EventBridge Scheduler one-time schedule per scheduled edition,
 * `at(...)` in UTC, no flexible window, deleted by the service once it has fired. Its target is the
 * edition queue with the edition's job as the message body, so the render worker releases it.
 *
 * @example
 * const scheduler = eventBridgeScheduler(new SchedulerClient({}), { groupName, queueArn, roleArn });
 * await scheduler.schedule("ed_…", new Date("2026-12-06T07:00:00Z"));
 */
export function eventBridgeScheduler(client: SchedulerClient, o: EventBridgeSchedulerOptions): Scheduler {
  const definition = (editionId: string, at: Date): CreateScheduleCommandInput => ({
    Name: scheduleName(editionId),
    GroupName: o.groupName,
    ScheduleExpression: atExpression(at),
    ScheduleExpressionTimezone: "UTC",
    FlexibleTimeWindow: { Mode: "OFF" },
    ActionAfterCompletion: "DELETE",
    Target: {
      Arn: o.queueArn,
      RoleArn: o.roleArn,
      Input: JSON.stringify({ editionId }),
      RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
      ...(o.deadLetterArn ? { DeadLetterConfig: { Arn: o.deadLetterArn } } : {}),
    },
  });
  return {
    async schedule(editionId, at) {
      try {
        await client.send(new CreateScheduleCommand(definition(editionId, at)));
      } catch (error) {
        // It exists (a reschedule): an update replaces the whole definition, time included.
        if (!(error instanceof ConflictException)) throw error;
        await client.send(new UpdateScheduleCommand(definition(editionId, at)));
      }
    },
    async unschedule(editionId) {
      try {
        await client.send(
          new DeleteScheduleCommand({ Name: scheduleName(editionId), GroupName: o.groupName }),
        );
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    },
  };
}
