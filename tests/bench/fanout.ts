import { articleBody, signedWebhook } from "../helpers/factories.js";
import { benchRuntime } from "./bench-runtime.js";
import { fanoutPhases } from "./fanout-phases.js";

/**
 * One fan-out measurement in a fresh process (so peak RSS is this run's alone):
 *   tsx tests/bench/fanout.ts <table> <subscribers> <dynamo endpoint> <ses endpoint> [split|warm]
 * The table is seeded beforehand by seed-cli.ts, in another process.
 * Prints one JSON line. `split` plans first and sends after, to time the send worker alone; `warm`
 * does that, then times a second edition's sends the same way (a warm worker's); `pace:<n>`
 * paces the sends to n recipients/s (the quota bench, tests/bench/quota.ts). The
 * orchestrator runs it with a 256 MB old space, as a 512 MB Lambda has: with 24 GiB free, V8 would
 * otherwise let garbage pile up and RSS would say more about V8's laziness than about Herald.
 */
const [tableName, sizeArg, dynamoEndpoint, sesEndpoint, mode] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
];
const size = Number(sizeArg);
const warmToo = mode === "warm";
const split = mode === "split" || warmToo;
// `pace:<n>`: the send workers pace themselves to n recipients/s in all (the quota bench).
const pace = mode?.startsWith("pace:") ? Number(mode.slice(5)) : undefined;
const phases = fanoutPhases();
const { runtime, app } = benchRuntime(tableName, dynamoEndpoint, sesEndpoint, {
  wrapPorts: phases.wrap,
  queue: { visibilityTimeoutMs: 60_000 },
  sendConcurrency: 8,
  holdSends: split,
  ...(pace ? { sendRatePerWorker: pace } : {}),
});

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 50);

let sendQueuePeak = 0;
let sendQueueBodiesPeak = 0;
const depthSampler = setInterval(() => {
  sendQueuePeak = Math.max(sendQueuePeak, runtime.sendQueue.depth);
  sendQueueBodiesPeak = Math.max(sendQueueBodiesPeak, runtime.sendQueue.bodyChars);
}, 50);
const started = performance.now();
phases.start();
const res = await app.request("/v1/webhooks/articles", signedWebhook(articleBody({ id: `bench-${size}` })));
phases.mark("accepted");
const { editionId } = (await res.json()) as { editionId: string };
let planSeconds: number | undefined;
let sendCpuMicros: number | undefined;
/** The process's CPU over the sends alone, started once planning is done (sends held till then). */
async function sendsCpu() {
  await runtime.editionQueue.idle();
  const cpu = process.cpuUsage();
  runtime.startSending();
  await runtime.settled();
  const used = process.cpuUsage(cpu);
  return used.user + used.system;
}
if (split) {
  await runtime.editionQueue.idle();
  planSeconds = (performance.now() - started) / 1000;
  sendCpuMicros = await sendsCpu();
} else {
  await runtime.settled();
}
const seconds = (performance.now() - started) / 1000;
phases.mark("settled");
clearInterval(sampler);
clearInterval(depthSampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const edition = await runtime.ports.editions.get(editionId);
// A warm worker's send: a second edition to the same readers in this process, its code compiled
// and its clients connected, as a Lambda container that has sent before (a fresh process's first
// send also pays the JIT; docs/performance.md).
let warmSendCpuMicros: number | undefined;
if (warmToo) {
  runtime.sendQueue.stop();
  const again = await app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: `bench-${size}-warm` })),
  );
  const warm = (await again.json()) as { editionId: string };
  warmSendCpuMicros = await sendsCpu();
  const warmSent = (await runtime.ports.editions.get(warm.editionId))?.counts.sent ?? 0;
  if (warmSent !== edition?.counts.sent) throw new Error(`the warm send sent ${warmSent}`);
}
runtime.stop();
const sent = edition?.counts.sent ?? 0;
console.log(
  JSON.stringify({
    size,
    status: edition?.status,
    sent,
    seconds,
    recipientsPerSecond: sent / seconds,
    planSeconds,
    sendCpuMicrosPerRecipient: sendCpuMicros === undefined ? undefined : sendCpuMicros / sent,
    warmSendCpuMicrosPerRecipient: warmSendCpuMicros === undefined ? undefined : warmSendCpuMicros / sent,
    peakRssMb: peakRss / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
    sendQueuePeak,
    sendQueueBodiesPeakMb: sendQueueBodiesPeak / 2 ** 20,
    phases: phases.seconds(),
  }),
);
process.exit(0);
