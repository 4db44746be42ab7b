import { randomUUID } from "node:crypto";
import { renderWorker, sendWorker } from "../../functions/adapters/sqs/workers.js";
import { CHUNK_SIZE } from "../../functions/domain/audience.js";
import type { Queue } from "../../functions/flows/ports.js";
import { mjmlRenderers } from "../../functions/render/renderers.js";
import { FEEDBACK_BATCH_SIZE } from "../../infra/constructs/feedback.js";
import { articleBody, signedWebhook } from "../helpers/factories.js";
import { queuedEvents, sesEvent } from "../helpers/ses-events.js";
import { meterDynamo, timedHandler } from "./aws-meter.js";
import { benchRuntime } from "./bench-runtime.js";

/**
 * What one send asks of AWS, counted in a fresh process over a table seeded by seed-cli.ts:
 *   tsx tests/bench/cost-run.ts <table> <subscribers> <dynamo endpoint> <ses endpoint>
 * Planning first (the render function alone), then the sends (one send invocation at a time, so each
 * one's wall and CPU time are its own), then a sample of SES delivery events through the feedback
 * handler. DynamoDB units come from DynamoDB Local's ConsumedCapacity (tests/bench/aws-meter.ts); SQS
 * requests from the messages the queues were given; SES calls from the SDK. Prints one JSON line.
 */
const [table, sizeArg, dynamoEndpoint, sesEndpoint] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const FEEDBACK_SAMPLE = 1_000;
/** The feedback queue's batch size (infra/constructs/feedback.ts), a chunk's size, and chunks sent at once. */
const FEEDBACK_BATCH = FEEDBACK_BATCH_SIZE;
const CHUNK = CHUNK_SIZE;
const IN_FLIGHT = 10;
const meter = meterDynamo();
let sesCalls = 0;
const { runtime, app } = benchRuntime(table, dynamoEndpoint, sesEndpoint, {
  queue: { visibilityTimeoutMs: 120_000 },
  sendConcurrency: 1,
  holdSends: true,
  configureDynamo: meter.attach,
  configureSes: (client) =>
    client.intercept((call, next) => {
      sesCalls++;
      return next(call);
    }),
});

/** Messages a queue was given, and the SendMessageBatch requests (ten a request) that takes on AWS. */
function countSends<T>(queue: Queue<T>) {
  const counts = { messages: 0, sendRequests: 0 };
  const send = queue.send.bind(queue);
  queue.send = async (messages, options) => {
    counts.messages += messages.length;
    counts.sendRequests += Math.ceil(messages.length / 10);
    return send(messages, options);
  };
  return counts;
}
const editionMessages = countSends(runtime.editionQueue);
const sendMessages = countSends(runtime.sendQueue);

const render = timedHandler(renderWorker(runtime.ports, mjmlRenderers));
runtime.editionQueue.start(render.handler);
const res = await app.request(
  "/v1/webhooks/articles",
  signedWebhook(articleBody({ id: `cost-${randomUUID()}` })),
);
const { editionId } = (await res.json()) as { editionId: string };
await runtime.editionQueue.idle();
const planDynamo = meter.usage();

meter.reset();
const send = timedHandler(sendWorker(runtime.ports));
runtime.sendQueue.start(send.handler);
await runtime.settled();
const sendDynamo = meter.usage();
const edition = await runtime.ports.editions.get(editionId);
const sent = edition?.counts.sent ?? 0;

// SES delivery events for a sample of the recipients, as the SES events queue delivers them: batches
// of FEEDBACK_BATCH, each event tagged with its chunk and position. Deliveries of ten chunks sent at
// once arrive interleaved, so a batch touches ten chunk items (more than in order, fewer than at random).
meter.reset();
const feedback = { invocations: 0, seconds: 0, cpuSeconds: 0, records: 0 };
const handle = runtime.sesEvents.handle;
const events = Math.min(FEEDBACK_SAMPLE, sent);
const delivery = (i: number) => {
  const window = Math.floor(i / (CHUNK * IN_FLIGHT));
  const e = sesEvent("Delivery", `reader${i}@bench.example`, {
    messageId: `cost-${i}`,
    edition: editionId,
    detail: { delivery: { timestamp: new Date().toISOString(), recipients: [`reader${i}@bench.example`] } },
  });
  e.mail.tags = {
    ...e.mail.tags,
    chunk: [`bench-${window * IN_FLIGHT + (i % IN_FLIGHT)}`],
    pos: [String(Math.floor((i % (CHUNK * IN_FLIGHT)) / IN_FLIGHT))],
  } as typeof e.mail.tags;
  return e;
};
for (let from = 0; from < events; from += FEEDBACK_BATCH) {
  const batch = Array.from({ length: Math.min(FEEDBACK_BATCH, events - from) }, (_, k) => delivery(from + k));
  const started = performance.now();
  const cpu = process.cpuUsage();
  await handle(queuedEvents(...batch));
  const used = process.cpuUsage(cpu);
  feedback.invocations++;
  feedback.records += batch.length;
  feedback.seconds += (performance.now() - started) / 1000;
  feedback.cpuSeconds += (used.user + used.system) / 1e6;
}
const feedbackDynamo = meter.usage();
runtime.stop();
console.log(
  JSON.stringify({
    size: Number(sizeArg),
    status: edition?.status,
    sent,
    sesCalls,
    plan: { lambda: render.usage, dynamo: planDynamo, queue: editionMessages },
    send: { lambda: send.usage, dynamo: sendDynamo, queue: sendMessages },
    feedback: { events, lambda: feedback, dynamo: feedbackDynamo },
  }),
);
process.exit(0);
