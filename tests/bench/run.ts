import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, hostname, totalmem } from "node:os";
import { startDynamoLocal } from "../../functions/local/dynamodb-local.js";
import { measureBundles } from "./bundles.js";
import { measureConsolePages } from "./console.js";
import { LATENCY_RATE, measureHttpLoad } from "./http-load.js";
import { measureRender } from "./render.js";
import { measureCard, measureComposition } from "./social.js";

/**
 * `npm run bench`: the numbers behind the README's claims, as one table and a JSON file under
 * tests/bench/results/. Targets are printed beside the measurements; nothing here fails a build.
 * `npm run bench -- social` measures only the social rows (card, post composition; under a minute)
 * and prints them with their JSON, writing no file: results/ holds whole runs only. `-- console`
 * does the same for the bytes each console page loads.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const tsx = "node_modules/.bin/tsx";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts a helper process that prints `{"port":n}` on its first line. */
function startChild(script: string, args: string[] = []): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(tsx, [script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => {
    child.stdout?.once("data", (d) => {
      resolve({ child, endpoint: `http://127.0.0.1:${JSON.parse(String(d).split("\n")[0] as string).port}` });
    });
  });
}

const lastJson = (out: Buffer) => JSON.parse(out.toString().trim().split("\n").pop() as string);
const run = (args: string[]) =>
  lastJson(
    execFileSync(tsx, args, {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=256" },
    }),
  );
let tables = 0;

/** Seeds a fresh table in one process, then measures one fan-out over it in another. */
function fanout(size: number, dynamo: string, ses: string, mode = "") {
  const table = `bench-${++tables}-${size}`;
  const { seedSeconds } = run(["tests/bench/seed-cli.ts", dynamo, table, String(size), "8"]);
  return { ...run(["tests/bench/fanout.ts", table, String(size), dynamo, ses, mode]), seedSeconds };
}

type Row = [string, string, string];
function printTable(rows: Row[]) {
  const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0), 10));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(width[i] as number)).join(" | ")} |`;
  console.log(line(["measure", "result", "target"]));
  console.log(line(width.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
}

const card = await measureCard();
const composition = measureComposition();
const socialRows: Row[] = [
  [
    "social card, cold (fresh process to first card, fonts loaded), p50 of 5",
    `${card.coldP50Ms.toFixed(0)} ms (import ${card.coldImportMs.toFixed(0)}, first card ${card.coldFirstCardMs.toFixed(0)}; runs: ${card.allColdMs.join(", ")})`,
    "≤ 1.5 s",
  ],
  [
    "social card, warm p50 (40 cards, 4 scripts)",
    `${card.warmP50Ms.toFixed(0)} ms (p90 ${card.warmP90Ms.toFixed(0)}; Chinese p50 ${card.warmP50MsByScript.chinese.toFixed(0)}), ${(card.pngBytes / 1024).toFixed(0)} KB PNG`,
    "≤ 150 ms",
  ],
  [
    `posts for all 7 networks per edition, p50 (${composition.editions} editions)`,
    `${composition.p50Ms.toFixed(2)} ms (p90 ${composition.p90Ms.toFixed(2)}, p99 ${composition.p99Ms.toFixed(2)})`,
    "≤ 2 ms",
  ],
];
if (process.argv.includes("social")) {
  printTable(socialRows);
  console.log(JSON.stringify({ card, composition }));
  process.exit(0);
}

const consolePages = await measureConsolePages();
const consoleRows: Row[] = consolePages.map((p) => [
  `console page ${p.page}: first load, gzip (HTML + JS + CSS)`,
  `${(p.totalGzipBytes / 1024).toFixed(1)} KB (${p.htmlGzipBytes} + ${p.jsGzipBytes} + ${p.cssGzipBytes} B)`,
  "JS + CSS ≤ 100 KB",
]);
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
/** Three runs, keeping the one with the median throughput (and its RSS). */
function medianOf3(size: number, ses: string, mode = "") {
  const results = [0, 1, 2].map(() => fanout(size, dynamo.endpoint, ses, mode));
  results.sort((a, b) => a.recipientsPerSecond - b.recipientsPerSecond);
  return { ...results[1], allRecipientsPerSecond: results.map((r) => Math.round(r.recipientsPerSecond)) };
}

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
const runs = {
  null10k: medianOf3(10_000, nullSes.endpoint),
  null100k: medianOf3(100_000, nullSes.endpoint),
  split10k: medianOf3(10_000, nullSes.endpoint, "split"),
  standIn10k: fanout(10_000, dynamo.endpoint, standIn.endpoint),
  briefing100k: briefingMedianOf3(100_000, nullSes.endpoint),
};
// HTTP under load: the local server in its own process, the load generator here.
const api = await startChild(`tests/bench/api-server.ts`, [dynamo.endpoint, nullSes.endpoint]);
const http = await measureHttpLoad(api.endpoint);
api.child.kill();
nullSes.child.kill();
standIn.child.kill();
await dynamo.stop();

const apiBundle = bundles.find((b) => b.name === "api");
const spread = (r: { allRecipientsPerSecond: number[] }) => ` (runs: ${r.allRecipientsPerSecond.join(", ")})`;
const rows: Row[] = [
  [
    "MJML render per edition, warm p50",
    `${render.p50Ms.toFixed(1)} ms (p90 ${render.p90Ms.toFixed(1)})`,
    "≤ 30 ms",
  ],
  [
    "fan-out 10k → null SES, median of 3",
    `${runs.null10k.recipientsPerSecond.toFixed(0)} recipients/s${spread(runs.null10k)}`,
    "≥ 2,000/s",
  ],
  [
    "fan-out 100k → null SES, median of 3",
    `${runs.null100k.recipientsPerSecond.toFixed(0)} recipients/s${spread(runs.null100k)}`,
    "≥ 2,000/s",
  ],
  [
    "daily briefing 100k (31 topic combinations) → null SES, median of 3",
    `${runs.briefing100k.recipientsPerSecond.toFixed(0)} recipients/s${spread(runs.briefing100k)}, ${runs.briefing100k.renders} renders`,
    "as an edition; ≤ 31 renders",
  ],
  ["fan-out 10k → SES stand-in", `${runs.standIn10k.recipientsPerSecond.toFixed(0)} recipients/s`, "—"],
  [
    "send worker CPU per recipient (10k, sends alone)",
    `${runs.split10k.sendCpuMicrosPerRecipient.toFixed(0)} µs`,
    "—",
  ],
  ["planning 10k recipients (before any send)", `${runs.split10k.planSeconds.toFixed(2)} s`, "—"],
  ...(["subscribe", "unsubscribe"] as const).map((k): [string, string, string] => {
    const { throughput, latency } = http[k];
    const errors = throughput.non2xx + latency.non2xx;
    return [
      k === "subscribe" ? "sign-up POST /v1/subscribers" : "one-click POST /v1/unsubscribe",
      `${throughput.requestsPerSecond.toFixed(0)} req/s flat out; at ${LATENCY_RATE} req/s p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms${errors ? `, ${errors} non-2xx` : ""}`,
      "p99 ≤ 50 ms",
    ];
  }),
  [
    "peak RSS 10k / 100k",
    `${runs.null10k.peakRssMb.toFixed(0)} / ${runs.null100k.peakRssMb.toFixed(0)} MB`,
    "100k ≤ 10k + 64 MB",
  ],
  ...bundles.map((b): [string, string, string] => [
    `bundle ${b.name}: size, cold import`,
    `${(b.bytes / 1024).toFixed(0)} KB, ${b.coldImportMs.toFixed(0)} ms${b.containsMjml ? ", has MJML" : ""}`,
    b.name === "renderPlan" ? "only bundle with MJML" : b.name === "api" ? "≤ 300 KB, no MJML" : "no MJML",
  ]),
  ...socialRows,
  ...consoleRows,
];
printTable(rows);

const machine = {
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  host: hostname(),
};
const result = {
  at: new Date().toISOString(),
  machine,
  render,
  bundles,
  runs,
  http,
  card,
  composition,
  consolePages,
  apiBundleOk: (apiBundle?.bytes ?? Number.POSITIVE_INFINITY) <= 300 * 1024,
};
mkdirSync("tests/bench/results", { recursive: true });
const file = `tests/bench/results/bench-${result.at.slice(0, 19).replace(/[:T]/g, "-")}.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
writeFileSync("tests/bench/results/latest.json", `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `\n${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GiB, Node ${machine.node}. Written to ${file}`,
);
