import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { startDynamoLocal } from "../../functions/local/dynamodb-local.js";
import { measureAnalytics } from "./analytics.js";
import { measureBundles } from "./bundles.js";
import { freePort, runChild as run, startChild } from "./children.js";
import { consolePageRows, measureConsolePages } from "./console.js";
import { costPart } from "./cost.js";
import { measureCrashAtScale } from "./crash.js";
import { writeBenchDocs } from "./docs-table.js";
import { fanoutMedianOf3, fanoutRun } from "./fanout-runs.js";
import { hotKeysRow } from "./hot-keys-row.js";
import { LATENCY_RATE, measureHttpLoad } from "./http-load.js";
import { type Bare, limitRows, measureBare, measureFloor, timesBare } from "./limits.js";
import { millionPart } from "./million.js";
import { latestParts, latestWholeRun, machineInfo, writePartResult } from "./parts.js";
import { quotaPart } from "./quota.js";
import { recoveryRows } from "./recovery-rows.js";
import { measureRender } from "./render.js";
import { benchRows, fanoutRows, httpRows, type Row, socialBenchRows } from "./rows.js";
import { measureSendCpu, sendCpuRow } from "./send-cpu-row.js";
import { measureCard, measureComposition } from "./social.js";
import { measureStatsLoad } from "./stats-load.js";

/**
 * `npm run bench`: the numbers behind the README's claims, as one table and a JSON file under
 * tests/bench/results/. Targets are printed beside the measurements; nothing here fails a build.
 * `npm run bench -- social` measures only the social rows (card, post composition; under a minute)
 * and prints them with their JSON, writing no file. `npm run bench -- stats` does the same for the
 * subscriber overview (100,000 subscribers seeded; a few minutes). `npm run bench -- recovery` measures
 * the recovery rows (a few minutes), writes them as `results/recovery-*.json` and puts them into
 * docs/benchmarks.md beside the latest whole run's rows (tests/bench/parts.ts).
 * `-- console` prints the bytes each console page loads. `-- crash` runs the crash tests (`npm start`
 * killed mid-send, mid-planning, mid-briefing) at the original report's 20,000 readers, which
 * `npm test` runs with a few hundred; its row goes into docs/benchmarks.md as the recovery rows do. `-- analytics` measures engagement
 * tracking (clicks ingested, the redirect, the stats endpoint; tests/bench/analytics.ts) as a part, like recovery.
 * `-- quota [rate] [size]` sends 100,000 readers (or `size`) against a null SES enforcing 1,000/s and
 * 200/s (or only `rate`), each rate a part of its own (tests/bench/quota.ts).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
function printTable(rows: Row[]) {
  const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0), 10));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(width[i] as number)).join(" | ")} |`;
  console.log(line(["measure", "result", "target"]));
  console.log(line(width.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
}

/**
 * The console's two heaviest reads: the subscriber overview over 100,000 seeded subscribers and 90
 * days of counters, and the editions list's first page over 1,000 editions.
 */
async function statsRow(dynamo: string, ses: string, bare?: Bare): Promise<{ rows: Row[]; result: unknown }> {
  const table = "bench-stats-100000";
  const { seedSeconds } = run(["tests/bench/seed-cli.ts", dynamo, table, "100000", "8"]);
  run(["tests/bench/seed-stats.ts", dynamo, table]);
  run(["tests/bench/seed-editions.ts", dynamo, table, "1000"]);
  const api = await startChild("tests/bench/api-server.ts", [dynamo, ses, table]);
  const overview = await measureStatsLoad(api.endpoint);
  const editions = await measureStatsLoad(api.endpoint, "/v1/editions");
  api.child.kill();
  const row = (what: string, { throughput, latency }: typeof overview): Row => {
    const errors = throughput.non2xx + latency.non2xx;
    return [
      what,
      `${timesBare(latency.p99Ms, bare)}${throughput.requestsPerSecond.toFixed(0)} req/s flat out; at ${LATENCY_RATE} req/s p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms${errors ? `, ${errors} non-2xx` : ""}`,
      bare ? "p99 ≤ 3 × bare" : "p99 ≤ 100 ms",
    ];
  };
  return {
    rows: [
      row("subscriber overview GET /v1/subscribers/stats (100k subscribers, 90 days)", overview),
      row("editions list GET /v1/editions, first page (1,000 editions)", editions),
    ],
    result: { seedSeconds, overview, editions },
  };
}

if (process.argv.includes("stats")) {
  const dynamo = await startDynamoLocal(await freePort());
  const nullSes = await startChild("tests/bench/null-ses.ts");
  const stats = await statsRow(dynamo.endpoint, nullSes.endpoint);
  nullSes.child.kill();
  await dynamo.stop();
  printTable(stats.rows);
  console.log(JSON.stringify(stats.result));
  process.exit(0);
}

if (process.argv.includes("analytics")) {
  const load = loadavg()[0];
  const dynamo = await startDynamoLocal(await freePort());
  const nullSes = await startChild("tests/bench/null-ses.ts");
  const { rows, analytics } = await measureAnalytics(dynamo.endpoint, nullSes.endpoint, dynamo.pid);
  nullSes.child.kill();
  await dynamo.stop();
  printTable(rows);
  console.log(JSON.stringify(analytics));
  const file = writePartResult("analytics", rows, analytics, load);
  writeBenchDocs(latestWholeRun(), latestParts());
  console.log(`Written to ${file} and docs/benchmarks.md`);
  process.exit(0);
}

if (process.argv.includes("limits")) {
  // The ratio rows alone: the limits, then every row measured against them, in one run.
  const loadAverage = loadavg()[0];
  const dynamo = await startDynamoLocal(await freePort());
  const nullSes = await startChild("tests/bench/null-ses.ts");
  fanoutRun(10_000, dynamo.endpoint, nullSes.endpoint); // warm-up, as the whole run does
  const floor = measureFloor(dynamo.endpoint, nullSes.endpoint);
  const bare = await measureBare(dynamo.endpoint);
  const runs = {
    null10k: fanoutMedianOf3(10_000, dynamo.endpoint, nullSes.endpoint),
    null100k: fanoutMedianOf3(100_000, dynamo.endpoint, nullSes.endpoint),
  };
  const sendCpu = measureSendCpu(dynamo.endpoint, nullSes.endpoint);
  const api = await startChild(`tests/bench/api-server.ts`, [dynamo.endpoint, nullSes.endpoint]);
  const http = await measureHttpLoad(api.endpoint);
  api.child.kill();
  const stats = await statsRow(dynamo.endpoint, nullSes.endpoint, bare);
  nullSes.child.kill();
  await dynamo.stop();
  const rows = [
    ...limitRows({ floor, bare }),
    ...fanoutRows(runs, floor),
    sendCpuRow(sendCpu, floor),
    ...httpRows(http, bare),
    ...stats.rows,
  ];
  printTable(rows);
  const file = writePartResult(
    "limits",
    rows,
    { floor, bare, runs, sendCpu, http, stats: stats.result },
    loadAverage,
  );
  writeBenchDocs(latestWholeRun(), latestParts());
  console.log(`Written to ${file} and docs/benchmarks.md`);
  process.exit(0);
}

if (process.argv.includes("1m")) {
  await millionPart(Number(process.argv[process.argv.indexOf("1m") + 1]) || undefined);
  process.exit(0);
}

if (process.argv.includes("cost")) {
  const size = Number(process.argv[process.argv.indexOf("cost") + 1]);
  await costPart(size ? [size] : undefined);
  process.exit(0);
}

if (process.argv.includes("quota")) {
  const [quota, size] = process.argv.slice(process.argv.indexOf("quota") + 1).map(Number);
  await quotaPart(size || undefined, quota ? [quota] : undefined);
  process.exit(0);
}

if (process.argv.includes("recovery")) {
  const load = loadavg()[0];
  const dynamo = await startDynamoLocal(await freePort());
  const { rows, recovery } = await recoveryRows(dynamo.endpoint);
  await dynamo.stop();
  printTable(rows);
  console.log(JSON.stringify(recovery));
  // Its own results file, and its rows into docs/benchmarks.md beside the latest whole run's.
  const file = writePartResult("recovery", rows, recovery, load);
  writeBenchDocs(latestWholeRun(), latestParts());
  console.log(`Written to ${file} and docs/benchmarks.md`);
  process.exit(0);
}

if (process.argv.includes("crash")) {
  const load = loadavg()[0];
  const crash = measureCrashAtScale();
  printTable(crash.rows);
  const file = writePartResult("crash", crash.rows, { passed: crash.passed, seconds: crash.seconds }, load);
  writeBenchDocs(latestWholeRun(), latestParts());
  console.log(`Written to ${file} and docs/benchmarks.md`);
  process.exit(crash.passed ? 0 : 1);
}

const loadAverageAtStart = loadavg()[0];
const card = await measureCard();
const composition = measureComposition();
const socialRows = socialBenchRows({ card, composition });
if (process.argv.includes("social")) {
  printTable(socialRows);
  console.log(JSON.stringify({ card, composition }));
  process.exit(0);
}

const consolePages = await measureConsolePages();
const consoleRows = consolePageRows(consolePages);
if (process.argv.includes("console")) {
  printTable(consoleRows);
  console.log(JSON.stringify({ consolePages }));
  process.exit(0);
}

const render = await measureRender();
const bundles = await measureBundles();
const dynamo = await startDynamoLocal(await freePort());
const nullSes = await startChild("tests/bench/null-ses.ts");
const standIn = await startChild("tests/bench/ses-standin.ts");
const medianOf3 = (size: number, ses: string, mode = "") => fanoutMedianOf3(size, dynamo.endpoint, ses, mode);
const fanout = fanoutRun;

/**
 * The daily briefing for `size` daily readers over all 31 combinations of the five topics: one
 * seeded table, three successive days, the median run kept.
 */
function briefingMedianOf3(size: number, ses: string) {
  const table = `bench-briefing-${size}`;
  const { seedSeconds } = run([
    "tests/bench/seed-cli.ts",
    dynamo.endpoint,
    table,
    String(size),
    "8",
    "daily",
  ]);
  const results = [1, 2, 3].map((day) =>
    run(["tests/bench/briefing.ts", table, String(size), dynamo.endpoint, ses, String(day)]),
  );
  results.sort((a, b) => a.recipientsPerSecond - b.recipientsPerSecond);
  return {
    ...results[1],
    seedSeconds,
    allRecipientsPerSecond: results.map((r) => Math.round(r.recipientsPerSecond)),
  };
}

// A first run warms DynamoDB Local's JVM (its JIT), which a deployed DynamoDB never needs.
fanout(10_000, dynamo.endpoint, nullSes.endpoint);
// The limits every fan-out and HTTP row is a ratio to, on the same stand-ins, before them.
const limits = {
  floor: measureFloor(dynamo.endpoint, nullSes.endpoint),
  bare: await measureBare(dynamo.endpoint),
};
const runs = {
  null10k: medianOf3(10_000, nullSes.endpoint),
  null100k: medianOf3(100_000, nullSes.endpoint),
  split10k: medianOf3(10_000, nullSes.endpoint, "warm"),
  standIn10k: fanout(10_000, dynamo.endpoint, standIn.endpoint),
  briefing100k: briefingMedianOf3(100_000, nullSes.endpoint),
};
const recovery = await recoveryRows(dynamo.endpoint);
const hotKeys = run(["tests/bench/hot-keys.ts", dynamo.endpoint, nullSes.endpoint]);
// HTTP under load: the local server in its own process, the load generator here.
const api = await startChild(`tests/bench/api-server.ts`, [dynamo.endpoint, nullSes.endpoint]);
const http = await measureHttpLoad(api.endpoint);
api.child.kill();
const stats = await statsRow(dynamo.endpoint, nullSes.endpoint, limits.bare);
nullSes.child.kill();
standIn.child.kill();
await dynamo.stop();

const apiBundle = bundles.find((b) => b.name === "api");

const machine = machineInfo();
const result = {
  at: new Date().toISOString(),
  machine,
  loadAverage: Number(loadAverageAtStart?.toFixed(1)),
  limits,
  render,
  bundles,
  runs,
  http,
  stats: stats.result,
  hotKeys,
  extraRows: [...stats.rows, ...recovery.rows, hotKeysRow(hotKeys), ...consoleRows],
  consolePages,
  card,
  composition,
  recovery: recovery.recovery,
  apiBundleOk: (apiBundle?.bytes ?? Number.POSITIVE_INFINITY) <= 300 * 1024,
};
mkdirSync("tests/bench/results", { recursive: true });
const file = `tests/bench/results/bench-${result.at.slice(0, 19).replace(/[:T]/g, "-")}.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
writeFileSync("tests/bench/results/latest.json", `${JSON.stringify(result, null, 2)}\n`);
printTable(benchRows(result));
writeBenchDocs(result, latestParts());
console.log(
  `\n${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GiB, Node ${machine.node}. Written to ${file}`,
);
