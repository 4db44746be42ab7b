import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { FUNCTION_SPECS } from "../../infra/function-specs.js";
import { sendCapacity } from "../../infra/send-concurrency.js";
import { type Props, resourcesOf, synthHerald } from "./helpers.js";

/** The file's deployment: an SES quota of 1,000 recipients/s (shared by every describe, one synth). */
const LOW_RATE = { sesMaxSendRate: "1000" };

const props = (template: Template, id: string): Props =>
  (template.toJSON().Resources[id] as { Properties: Props }).Properties;

/** A table of the stack by its logical id without CDK's hash: `DataTable`, `DataMarksTable`. */
const tableOf = (template: Template, id: string) =>
  resourcesOf(template, "AWS::DynamoDB::GlobalTable").find(([logical]) =>
    new RegExp(`^${id}[0-9A-F]{8}$`).test(logical),
  )?.[1] as Props;

describe("data: the main table and the marks table", () => {
  let template: Template;
  beforeAll(() => {
    template = synthHerald(LOW_RATE).template;
  });

  it("are the stack's two tables", () => {
    expect(resourcesOf(template, "AWS::DynamoDB::GlobalTable")).toHaveLength(2);
    expect(tableOf(template, "DataTable")).toBeDefined();
    expect(tableOf(template, "DataMarksTable")).toBeDefined();
  });

  it("the main table is on-demand, with TTL on `ttl`, PITR and deletion protection", () => {
    const table = tableOf(template, "DataTable");
    expect(table.Properties.BillingMode).toBe("PAY_PER_REQUEST");
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: "ttl", Enabled: true });
    const [replica] = table.Properties.Replicas;
    expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(replica.DeletionProtectionEnabled).toBe(true);
  });

  it("the main table survives stack deletion and replacement (RETAIN)", () => {
    const table = tableOf(template, "DataTable");
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.UpdateReplacePolicy).toBe("Retain");
  });

  it("the main table has pk/sk string keys and exactly the one index the code uses, gsi1", () => {
    const table = tableOf(template, "DataTable");
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: "gsi1",
        KeySchema: [
          { AttributeName: "gsi1pk", KeyType: "HASH" },
          { AttributeName: "gsi1sk", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ]);
  });

  it("the marks table: the same keys and TTL, on-demand, no index, no PITR, deleted with the stack", () => {
    const table = tableOf(template, "DataMarksTable");
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(table.Properties.BillingMode).toBe("PAY_PER_REQUEST");
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: "ttl", Enabled: true });
    expect(table.Properties.GlobalSecondaryIndexes).toBeUndefined();
    expect(table.Properties.Replicas[0].PointInTimeRecoverySpecification).toBeUndefined();
    expect(table.DeletionPolicy).toBe("Delete");
  });
});

/** Each event source mapping with the queue it reads and the function it invokes. */
function consumers(template: Template) {
  return resourcesOf(template, "AWS::Lambda::EventSourceMapping").map(([, m]) => {
    const mapping = m.Properties as Props;
    const queueId: string = mapping.EventSourceArn["Fn::GetAtt"][0];
    const functionId: string = mapping.FunctionName.Ref;
    return { mapping, queueId, queue: props(template, queueId), functionId, fn: props(template, functionId) };
  });
}

describe("queues and event sources", () => {
  let template: Template;
  beforeAll(() => {
    template = synthHerald(LOW_RATE).template;
  });

  it("the render+plan, send, social, engagement and SES feedback workers each consume one queue, sized from their specs", () => {
    const found = consumers(template).map((c) => [c.functionId.replace(/[0-9A-F]{8}$/, ""), c.fn.Timeout]);
    expect(found.sort()).toEqual(
      [
        ["SendingRenderPlan", FUNCTION_SPECS.renderPlan.timeout.toSeconds()],
        ["SendingSend", FUNCTION_SPECS.send.timeout.toSeconds()],
        ["SocialWorker", FUNCTION_SPECS.social.timeout.toSeconds()],
        ["TrackingRecorder", FUNCTION_SPECS.recordEngagement.timeout.toSeconds()],
        ["FeedbackSesFeedback", FUNCTION_SPECS.sesFeedback.timeout.toSeconds()],
      ].sort(),
    );
    expect(new Set(consumers(template).map((c) => c.queueId)).size).toBe(5);
  });

  it("each worker queue has a DLQ after ≥ 5 receives, kept 14 days (longer than the queue keeps messages)", () => {
    for (const { queueId, queue } of consumers(template)) {
      expect(queue.RedrivePolicy?.maxReceiveCount, queueId).toBeGreaterThanOrEqual(5);
      const dlq = props(template, queue.RedrivePolicy.deadLetterTargetArn["Fn::GetAtt"][0]);
      expect(dlq.MessageRetentionPeriod, queueId).toBe(14 * 24 * 3600);
      expect(dlq.RedrivePolicy, queueId).toBeUndefined();
      expect(queue.MessageRetentionPeriod, queueId).toBeLessThan(dlq.MessageRetentionPeriod);
    }
  });

  it("each worker queue's visibility timeout is ≥ 6× its consumer's timeout", () => {
    for (const { queueId, queue, fn } of consumers(template)) {
      expect(fn.Timeout).toBeGreaterThan(0);
      expect(queue.VisibilityTimeout, queueId).toBeGreaterThanOrEqual(6 * fn.Timeout);
    }
  });

  it("every queue is encrypted and refuses requests without TLS", () => {
    const queues = resourcesOf(template, "AWS::SQS::Queue");
    // Five worker queues (the SES events' among them) with their DLQs, the briefing, recovery and
    // social engagement schedules' DLQs, the scheduled sends' DLQ.
    expect(queues.length).toBe(14);
    const policies = resourcesOf(template, "AWS::SQS::QueuePolicy").map(([, p]) => p.Properties as Props);
    for (const [id, q] of queues) {
      expect((q.Properties as Props).SqsManagedSseEnabled, id).toBe(true);
      const policy = policies.find((p) => p.Queues.some((ref: Props) => ref.Ref === id));
      expect(policy, `${id} has a queue policy`).toBeDefined();
      expect(policy?.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      );
    }
  });

  it("every event source reports batch item failures", () => {
    const all = consumers(template);
    expect(all).toHaveLength(5);
    for (const { mapping } of all) expect(mapping.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
  });

  it("the send worker takes 10 chunks a batch; the renderer one edition; the social worker 5 posts, 2 batches at once", () => {
    const mapping = (hint: string) => consumers(template).find((c) => c.functionId.includes(hint))?.mapping;
    expect(mapping("SendingSend")?.BatchSize).toBe(10);
    expect(mapping("SendingRenderPlan")?.BatchSize).toBe(1);
    expect(mapping("SocialWorker")?.BatchSize).toBe(5);
    expect(mapping("SocialWorker")?.ScalingConfig).toEqual({ MaximumConcurrency: 2 });
  });

  it("the social queue is sized like the others: visibility 6× the worker's 2 minutes, DLQ after 5 receives", () => {
    const social = consumers(template).find((c) => c.functionId.includes("SocialWorker"));
    expect(social?.queueId).toContain("SocialPostQueue");
    expect(social?.queue.VisibilityTimeout).toBe(6 * FUNCTION_SPECS.social.timeout.toSeconds());
    expect(social?.queue.RedrivePolicy.maxReceiveCount).toBe(5);
    expect(social?.fn.Environment.Variables.HERALD_SOCIAL_LEASE_SECONDS).toBe(
      String(FUNCTION_SPECS.social.timeout.toSeconds()),
    );
  });
});

describe("send worker concurrency follows the configured SES rate", () => {
  const sendMapping = (rate: number) => {
    const { template } = synthHerald(rate === 1_000 ? LOW_RATE : { sesMaxSendRate: String(rate) });
    const send = consumers(template).find((c) => c.functionId.includes("SendingSend"));
    const plan = consumers(template).find((c) => c.functionId.includes("SendingRenderPlan"));
    return {
      maxConcurrency: send?.mapping.ScalingConfig?.MaximumConcurrency,
      env: send?.fn.Environment.Variables,
      chunkSize: plan?.fn.Environment.Variables.HERALD_CHUNK_SIZE,
    };
  };

  it("scales maxConcurrency with the quota: 1,000/s → 2 workers, 20,000/s → 20", () => {
    const low = sendMapping(1_000);
    const high = sendMapping(20_000);
    expect(low.maxConcurrency).toBe(sendCapacity(1_000).maxConcurrency);
    expect(high.maxConcurrency).toBe(sendCapacity(20_000).maxConcurrency);
    expect(low.maxConcurrency).toBe(2);
    expect(high.maxConcurrency).toBe(20);
    expect(high.env.HERALD_SEND_RATE_PER_WORKER).toBe("1000");
  });

  it("tells the planner the chunk size: 100, or 50 at a quota too small to send 100 in time", () => {
    expect(sendMapping(20_000).chunkSize).toBe("100");
    expect(sendMapping(4).chunkSize).toBe("50");
  });
});
