import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from "@aws-sdk/client-scheduler";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import {
  atExpression,
  eventBridgeScheduler,
} from "../../../../functions/adapters/scheduler/eventbridge-scheduler.js";
import type { RenderJob } from "../../../../functions/flows/ports.js";
import { timerScheduler } from "../../../../functions/local/timer-scheduler.js";

/**
 * The EventBridge Scheduler adapter's requests. There is no EventBridge Scheduler stand-in to run
 * against (DynamoDB and SES have one, this service has none), so the SDK client is mocked here with
 * aws-sdk-client-mock: these tests pin the request shape and the answers to "exists" and "gone".
 */
const scheduler = mockClient(SchedulerClient);
afterEach(() => scheduler.reset());

const options = {
  groupName: "herald-editions",
  queueArn: "arn:aws:sqs:eu-west-1:111122223333:editions",
  roleArn: "arn:aws:iam::111122223333:role/scheduler",
  deadLetterArn: "arn:aws:sqs:eu-west-1:111122223333:schedule-dlq",
};
const adapter = () => eventBridgeScheduler(new SchedulerClient({ region: "eu-west-1" }), options);

describe("the EventBridge Scheduler adapter", () => {
  it("creates a one-time schedule at the time in UTC, deleted after it fires, sending the edition's job to the queue", async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: "arn:…" });

    await adapter().schedule("ed_abcdefghijklmnopqrstuv", new Date("2026-12-06T07:30:00.250Z"));

    const input = scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input).toEqual({
      Name: "edition-ed_abcdefghijklmnopqrstuv",
      GroupName: "herald-editions",
      ScheduleExpression: "at(2026-12-06T07:30:01)",
      ScheduleExpressionTimezone: "UTC",
      FlexibleTimeWindow: { Mode: "OFF" },
      ActionAfterCompletion: "DELETE",
      Target: {
        Arn: options.queueArn,
        RoleArn: options.roleArn,
        Input: JSON.stringify({ editionId: "ed_abcdefghijklmnopqrstuv" }),
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: options.deadLetterArn },
      },
    });
    expect(input?.Name?.length).toBeLessThanOrEqual(64);
  });

  it("moves a schedule that exists (a reschedule) with an update of the whole definition", async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: "exists", Message: "exists", $metadata: {} }))
      .on(UpdateScheduleCommand)
      .resolves({ ScheduleArn: "arn:…" });

    await adapter().schedule("ed_abcdefghijklmnopqrstuv", new Date("2026-12-07T09:00:00Z"));

    const update = scheduler.commandCalls(UpdateScheduleCommand)[0]?.args[0].input;
    expect(update).toMatchObject({
      Name: "edition-ed_abcdefghijklmnopqrstuv",
      ScheduleExpression: "at(2026-12-07T09:00:00)",
      ActionAfterCompletion: "DELETE",
      Target: { Arn: options.queueArn },
    });
  });

  it("deletes a schedule, and takes one that is gone already (it fired) as deleted", async () => {
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: "gone", Message: "gone", $metadata: {} }));
    await expect(adapter().unschedule("ed_abcdefghijklmnopqrstuv")).resolves.toBeUndefined();
    expect(scheduler.commandCalls(DeleteScheduleCommand)[0]?.args[0].input).toEqual({
      Name: "edition-ed_abcdefghijklmnopqrstuv",
      GroupName: "herald-editions",
    });
  });

  it("lets any other failure through: the approval fails and the edition is put back", async () => {
    scheduler.on(CreateScheduleCommand).rejects(new Error("AccessDenied"));
    await expect(adapter().schedule("ed_abcdefghijklmnopqrstuv", new Date())).rejects.toThrow("AccessDenied");
  });

  it("writes at() without milliseconds, rounding up so it never fires early", () => {
    expect(atExpression(new Date("2026-01-02T03:04:05.000Z"))).toBe("at(2026-01-02T03:04:05)");
    expect(atExpression(new Date("2026-01-02T03:04:05.001Z"))).toBe("at(2026-01-02T03:04:06)");
  });
});

describe("the local timer scheduler", () => {
  function harness() {
    const sent: RenderJob[] = [];
    const armed = new Map<number, { fire: () => void; ms: number }>();
    let n = 0;
    const timers = {
      set: (fire: () => void, ms: number) => {
        armed.set(++n, { fire, ms });
        return n;
      },
      clear: (h: unknown) => armed.delete(h as number),
    };
    const queue = { send: async (jobs: RenderJob[]) => void sent.push(...jobs) };
    const now = new Date("2026-12-06T00:00:00Z");
    return { sent, armed, scheduler: timerScheduler(queue, () => now, timers) };
  }

  it("queues the edition's job when its timer fires; a reschedule replaces the timer; unschedule clears it", async () => {
    const { sent, armed, scheduler } = harness();
    await scheduler.schedule("ed_a", new Date("2026-12-06T01:00:00Z"));
    expect([...armed.values()].map((t) => t.ms)).toEqual([3600_000]);
    await scheduler.schedule("ed_a", new Date("2026-12-06T02:00:00Z"));
    expect([...armed.values()].map((t) => t.ms)).toEqual([7200_000]);
    for (const t of armed.values()) t.fire();
    await Promise.resolve();
    expect(sent).toEqual([{ editionId: "ed_a" }]);

    await scheduler.schedule("ed_b", new Date("2026-12-06T01:00:00Z"));
    await scheduler.unschedule("ed_b");
    expect(scheduler.pending()).toEqual([]);
  });

  it("waits in steps a setTimeout can hold for a time more than 24 days ahead", async () => {
    const { sent, armed, scheduler } = harness();
    await scheduler.schedule("ed_far", new Date("2027-02-01T00:00:00Z"));
    const [first] = armed.values();
    expect(first?.ms).toBe(2 ** 31 - 1);
    armed.clear();
    first?.fire();
    expect(sent).toEqual([]);
    expect(scheduler.pending()).toEqual(["ed_far"]);
  });
});
