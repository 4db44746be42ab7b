import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import type { WireInterceptor } from "../../functions/adapters/http/sdk-wire.js";
import { CHUNK_SIZE } from "../../functions/domain/audience.js";
import { articleBody, signedWebhook } from "../helpers/factories.js";
import { benchRuntime } from "./bench-runtime.js";
import { summarizeProfile } from "./profile-summary.js";

/**
 * The send worker's CPU profile, sends alone, in a fresh process (the fan-out bench's `split` mode
 * with the inspector's profiler around the sends):
 *   tsx tests/bench/send-profile.ts <table> <subscribers> <dynamo endpoint> <ses endpoint> [out.cpuprofile]
 * Prints one JSON line: CPU µs per recipient, the requests per chunk by operation and per 100
 * recipients by the function that asked, the JSON characters a request of each operation carries,
 * and the top self-time functions.
 */
const [tableName, sizeArg, dynamoEndpoint, sesEndpoint, out] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
];
/** Requests by operation, and by operation and the Herald function that asked, during the sends alone. */
const requests: Record<string, number> = {};
const bySite: Record<string, number> = {};
let counting = false;
/** The JSON characters of each operation's input, as the interceptor sees it (before encoding). */
const chars: Record<string, number> = {};
/** Herald's wire, retries and batching: the frames that make a request, not the one that wants it. */
const PLUMBING = /functions\/adapters\/http\/|json-document-client|transaction\.ts|batch-get\.ts/;
const site = () => {
  const frame = (new Error().stack ?? "")
    .split("\n")
    .find((line) => line.includes("/functions/") && !PLUMBING.test(line));
  return (
    frame
      ?.trim()
      .replace(/^at (async )?/, "")
      .replace(/\(.*\/functions\/(.*):\d+:\d+\)$/, "($1)") ?? "?"
  );
};
const count = (name: string) => {
  if (!counting) return;
  requests[name] = (requests[name] ?? 0) + 1;
  const key = `${name} ${site()}`;
  bySite[key] = (bySite[key] ?? 0) + 1;
};
const counted = (client: { intercept: (i: WireInterceptor) => void }) =>
  client.intercept((call, next) => {
    count(call.operation);
    if (counting) chars[call.operation] = (chars[call.operation] ?? 0) + JSON.stringify(call.input).length;
    return next(call);
  });
const { runtime, app } = benchRuntime(tableName, dynamoEndpoint, sesEndpoint, {
  queue: { visibilityTimeoutMs: 60_000 },
  sendConcurrency: 8,
  holdSends: true,
  configureDynamo: counted,
  configureSes: counted,
});
const res = await app.request(
  "/v1/webhooks/articles",
  signedWebhook(articleBody({ id: `profile-${sizeArg}` })),
);
const { editionId } = (await res.json()) as { editionId: string };
await runtime.editionQueue.idle();

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });
await session.post("Profiler.start");
const cpu = process.cpuUsage();
counting = true;
runtime.startSending();
await runtime.settled();
const used = process.cpuUsage(cpu);
const { profile } = await session.post("Profiler.stop");
session.disconnect();

const edition = await runtime.ports.editions.get(editionId);
runtime.stop();
const sent = edition?.counts.sent ?? 0;
if (out) writeFileSync(out, JSON.stringify(profile));
console.log(
  JSON.stringify({
    sent,
    status: edition?.status,
    sendCpuMicrosPerRecipient: (used.user + used.system) / sent,
    requestsPerChunk: Object.fromEntries(
      Object.entries(requests).map(([name, n]) => [name, Math.round((n / (sent / CHUNK_SIZE)) * 100) / 100]),
    ),
    // Per 100 recipients, not per chunk: a partition's last chunk holds fewer.
    requestsPer100BySite: Object.fromEntries(
      Object.entries(bySite)
        .sort(([, a], [, b]) => b - a)
        .map(([key, n]) => [key, Math.round((n / (sent / 100)) * 100) / 100]),
    ),
    charsPerRequest: Object.fromEntries(
      Object.entries(chars).map(([k, n]) => [k, Math.round(n / (requests[k] ?? 1))]),
    ),
    ...summarizeProfile(profile),
  }),
);
process.exit(0);
