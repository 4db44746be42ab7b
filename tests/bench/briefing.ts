import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { benchRuntime } from "./bench-runtime.js";

/**
 * One briefing run in a fresh process, over a table seeded with daily readers by seed-cli.ts:
 *   tsx tests/bench/briefing.ts <table> <subscribers> <dynamo endpoint> <ses endpoint> <day>
 * A day's news is published first (one story per topic and one in two topics; no instant readers,
 * so nothing is mailed then); the clock runs from starting the briefing to every chunk sent. `day`
 * moves Herald's clock that many days ahead, so runs on one seeded table are successive days.
 * Prints one JSON line.
 */
const [tableName, sizeArg, dynamoEndpoint, sesEndpoint, dayArg] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const offsetMs = Number(dayArg) * 86_400_000;
const now = () => new Date(Date.now() + offsetMs);
const { runtime, app, config } = benchRuntime(tableName, dynamoEndpoint, sesEndpoint, {
  queue: { visibilityTimeoutMs: 60_000 },
  sendConcurrency: 8,
  now,
});
const stories = [...config.topics.map((t) => [t]), ["world", "business"]];
for (const [i, topics] of stories.entries()) {
  const id = `bench-story-${dayArg}-${i}`;
  const body = articleBody({ id, title: `Story ${i}: ${topics.join(" and ")}`, topics });
  await app.request(
    "/v1/webhooks/articles",
    signedWebhook(body, undefined, Math.floor(now().getTime() / 1000)),
  );
}
await runtime.settled();

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const started = performance.now();
const res = await app.request("/v1/briefings/run", { method: "POST", headers: adminHeaders() });
const { briefingId } = (await res.json()) as { briefingId: string };
await runtime.settled();
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const briefing = await runtime.ports.briefings.get(briefingId);
const renders = await runtime.ports.briefings.renders(briefingId);
runtime.stop();
const sent = briefing?.counts.sent ?? 0;
console.log(
  JSON.stringify({
    size: Number(sizeArg),
    status: briefing?.status,
    sent,
    seconds,
    recipientsPerSecond: sent / seconds,
    renders,
    peakRssMb: peakRss / 2 ** 20,
  }),
);
process.exit(0);
