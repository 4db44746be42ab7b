import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";

/** How the bench starts its measured processes: each part in a fresh `tsx` process. */
const tsx = "node_modules/.bin/tsx";

/** A free loopback port (for DynamoDB Local). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a helper process that prints `{"port":n}` on its first line.
 *
 * @example
 * const api = await startChild("tests/bench/api-server.ts", [dynamo, ses]); // api.endpoint
 */
export function startChild(
  script: string,
  args: string[] = [],
): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(tsx, [script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => {
    child.stdout?.once("data", (d) => {
      resolve({ child, endpoint: `http://127.0.0.1:${JSON.parse(String(d).split("\n")[0] as string).port}` });
    });
  });
}

const lastJson = (out: Buffer) => JSON.parse(out.toString().trim().split("\n").pop() as string);

/**
 * Runs a measuring script to its end in a fresh process with a 256 MB old space (what a 512 MB
 * Lambda has) and returns the JSON of its last line.
 *
 * @example
 * const { seedSeconds } = runChild(["tests/bench/seed-cli.ts", dynamo, "t", "10000", "8"]);
 */
export const runChild = (args: string[], oldSpaceMb = 256) =>
  lastJson(
    execFileSync(tsx, args, {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${oldSpaceMb}` },
      maxBuffer: 64 * 2 ** 20,
    }),
  );
