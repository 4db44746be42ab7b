import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { startDynamoLocal } from "../../functions/local/dynamodb-local.js";
import { median } from "./median.js";
import { processCpuMicros } from "./process-cpu.js";

/**
 * The send worker's CPU per recipient, measured as `npm run bench` does (fanout.ts `warm`: a fresh
 * process and table per run, then a second send in that process, a warm worker's), `runs` times,
 * each followed by the floor's (floor.ts `both`: the same requests with no logic around them), with
 * DynamoDB Local's own CPU per recipient beside both (from /proc), plus one profiled run
 * (send-profile.ts):
 *   tsx tests/bench/send-cpu-runs.ts [subscribers=10000] [runs=3] [profile.cpuprofile]
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const [sizeArg = "10000", runsArg = "3", profileOut] = process.argv.slice(2);
const tsx = "node_modules/.bin/tsx";
const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});
const dynamo = await startDynamoLocal(port);
const ses = spawn(tsx, ["tests/bench/null-ses.ts"], { stdio: ["ignore", "pipe", "inherit"] });
const sesEndpoint = await new Promise<string>((resolve) =>
  ses.stdout?.once("data", (d) =>
    resolve(`http://127.0.0.1:${JSON.parse(String(d).split("\n")[0] as string).port}`),
  ),
);
const last = (args: string[]) =>
  JSON.parse(
    execFileSync(tsx, args, {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=256" },
    })
      .toString()
      .trim()
      .split("\n")
      .pop() as string,
  );
/** DynamoDB Local's CPU time so far, in µs. */
const javaMicros = () => processCpuMicros(dynamo.pid);
/** A child's JSON line, with DynamoDB Local's CPU per recipient during it beside. */
const withJava = (args: string[], recipients: number) => {
  const before = javaMicros();
  const out = last(args);
  return { ...out, javaMicrosPerRecipient: (javaMicros() - before) / recipients };
};
let tables = 0;
const seeded = () => {
  const table = `cpu-${++tables}`;
  last(["tests/bench/seed-cli.ts", dynamo.endpoint, table, sizeArg, "8"]);
  return table;
};
// A first send warms DynamoDB Local's JIT, as the bench's first run does.
last(["tests/bench/fanout.ts", seeded(), sizeArg, dynamo.endpoint, sesEndpoint, "split"]);
const loads: number[] = [];
const micros: number[] = [];
const warm: number[] = [];
const java: number[] = [];
// The floor's CPU in the same run, each right after a send so both meet the machine as it is then
// (its speed drifts by a third within minutes here): the least DynamoDB and SES work a recipient
// needs with no Herald logic, its audience walk included (the send's planning is not counted).
const floors: number[] = [];
const floorJava: number[] = [];
for (let i = 0; i < Number(runsArg); i++) {
  const [table, floorTable] = [seeded(), seeded()];
  loads.push(loadavg()[0] as number);
  // Two editions planned and sent (the fresh process's, then the warm one's).
  const run = withJava(
    ["tests/bench/fanout.ts", table, sizeArg, dynamo.endpoint, sesEndpoint, "warm"],
    2 * Number(sizeArg),
  );
  micros.push(run.sendCpuMicrosPerRecipient);
  warm.push(run.warmSendCpuMicrosPerRecipient);
  java.push(run.javaMicrosPerRecipient);
  const floor = withJava(
    ["tests/bench/floor.ts", floorTable, dynamo.endpoint, sesEndpoint, "both", "8"],
    Number(sizeArg),
  );
  floors.push(floor.cpuMicrosPerRecipient);
  floorJava.push(floor.javaMicrosPerRecipient);
}
const round2 = (x: number) => Math.round(x * 100) / 100;
const result: Record<string, unknown> = {
  size: Number(sizeArg),
  medianMicrosPerRecipient: Math.round(median(micros)),
  runs: micros.map(Math.round),
  floorRuns: floors.map(Math.round),
  // Each send against the floor run right after it; the median of those ratios.
  ratioToFloor: round2(median(micros.map((m, i) => m / (floors[i] as number)))),
  // The same process's second send (another edition, same readers): a warm worker's CPU. The floor
  // beside it is a fresh process's, so no ratio is made of the two.
  warmRuns: warm.map(Math.round),
  // DynamoDB Local's CPU per recipient over each whole run (Herald's: planning and sending).
  javaRuns: java.map(Math.round),
  floorJavaRuns: floorJava.map(Math.round),
  javaRatioToFloor: round2(median(java.map((j, i) => j / (floorJava[i] as number)))),
  loadAverages: loads.map(round2),
};
if (profileOut)
  result.profile = last([
    "tests/bench/send-profile.ts",
    seeded(),
    sizeArg,
    dynamo.endpoint,
    sesEndpoint,
    profileOut,
  ]);
ses.kill();
await dynamo.stop();
console.log(JSON.stringify(result, null, 2));
process.exit(0);
