import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { startDynamoLocal } from "../../functions/local/dynamodb-local.js";

/**
 * Where a fan-out's time goes, phase by phase (fanout.ts, a fresh process and table per run, as
 * `npm run bench` runs it), `runs` times after one warm-up:
 *   tsx tests/bench/fanout-phase-runs.ts [subscribers=10000] [runs=3] [mode]
 * `mode` is passed on to fanout.ts (`split`: plan everything, then send).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const [sizeArg = "10000", runsArg = "3", mode = ""] = process.argv.slice(2);
const tsx = "node_modules/.bin/tsx";
const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});
const dynamo = await startDynamoLocal(port);
const ses = spawn(tsx, ["tests/bench/null-ses.ts"], { stdio: ["ignore", "pipe", "inherit"] });
try {
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
  let tables = 0;
  const run = () => {
    const table = `phases-${++tables}`;
    last(["tests/bench/seed-cli.ts", dynamo.endpoint, table, sizeArg, "8"]);
    const load = Math.round((loadavg()[0] as number) * 100) / 100;
    const { recipientsPerSecond, seconds, planSeconds, phases } = last([
      "tests/bench/fanout.ts",
      table,
      sizeArg,
      dynamo.endpoint,
      sesEndpoint,
      mode,
    ]);
    return { load, seconds, planSeconds, recipientsPerSecond: Math.round(recipientsPerSecond), phases };
  };
  run(); // warms DynamoDB Local's JIT, as the bench's first run does
  for (let i = 0; i < Number(runsArg); i++) console.log(JSON.stringify(run()));
} finally {
  ses.kill();
  await dynamo.stop();
}
process.exit(0);
