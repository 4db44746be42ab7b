import type { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { sqsQueue } from "../../../../functions/adapters/sqs/sqs-queue.js";

/** An SQS client that keeps what it was asked and accepts every entry, as SendMessageBatch answers. */
function recordingSqs() {
  const inputs: SendMessageBatchCommand["input"][] = [];
  const sqs = {
    send: async (command: SendMessageBatchCommand) => {
      inputs.push(command.input);
      return { Successful: command.input.Entries?.map((e) => ({ Id: e.Id })), Failed: [] };
    },
  } as unknown as SQSClient;
  return { sqs, inputs };
}

describe("the SQS queue adapter", () => {
  it("sends a delay as every entry's DelaySeconds, in whole seconds", async () => {
    // Prepare
    const { sqs, inputs } = recordingSqs();

    // Act
    await sqsQueue<{ n: number }>(sqs, "https://sqs.local/q").send([{ n: 1 }, { n: 2 }], {
      delaySeconds: 12.2,
    });

    // Assess
    expect(inputs[0]?.Entries?.map((e) => e.DelaySeconds)).toEqual([13, 13]);
    expect(inputs[0]?.Entries?.map((e) => JSON.parse(e.MessageBody as string))).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("caps a delay at SQS's 900 seconds and leaves DelaySeconds out when there is none", async () => {
    // Prepare
    const { sqs, inputs } = recordingSqs();
    const queue = sqsQueue<number>(sqs, "https://sqs.local/q");

    // Act
    await queue.send([1], { delaySeconds: 3600 });
    await queue.send([2]);

    // Assess
    expect(inputs[0]?.Entries?.[0]?.DelaySeconds).toBe(900);
    expect(inputs[1]?.Entries?.[0]).not.toHaveProperty("DelaySeconds");
  });
});
