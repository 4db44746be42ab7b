import { type ChildProcess, spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { PROJECT_ROOT } from "../../infra/constructs/herald-function.js";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface HeraldProcess {
  api: string;
  ses: string;
  dynamo: string;
  /** What it printed so far (stdout and stderr). */
  output(): string;
  /** SIGKILL to its whole process group (Node and DynamoDB Local's Java): a crash, not a shutdown. */
  kill(): Promise<void>;
  /** Ctrl-C. */
  stop(): Promise<void>;
}

/**
 * `npm start`'s code path (functions/local/main.ts) as a child process of its own process group,
 * resolved once it prints that it is running. `env` adds to the ports and data folder given. Given
 * `readyWithinSeconds`, a process not running by then is killed and the start fails with its output.
 */
export async function startHeraldProcess(
  dataDir: string,
  ports: { api: number; ses: number; dynamo: number },
  env: Record<string, string> = {},
  readyWithinSeconds = Number.POSITIVE_INFINITY,
): Promise<HeraldProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "functions/local/main.ts"], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(ports.api),
      HERALD_SES_PORT: String(ports.ses),
      HERALD_DYNAMODB_PORT: String(ports.dynamo),
      HERALD_DATA_DIR: dataDir,
      LOG_LEVEL: "ERROR",
      ...env,
    },
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = performance.now() + readyWithinSeconds * 1000;
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes("Herald is running.")) {
        clearInterval(check);
        resolve();
      } else if (performance.now() > deadline) {
        clearInterval(check);
        process.kill(-(child.pid as number), "SIGKILL");
        reject(new Error(`herald not running within ${readyWithinSeconds} s: ${output.slice(-2000)}`));
      }
    }, 50);
    void exited.then(() => {
      clearInterval(check);
      reject(new Error(`herald exited before it ran: ${output.slice(-2000)}`));
    });
  });
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-(child.pid as number), sig);
    } catch {
      // Gone already.
    }
    await exited;
  };
  return {
    api: `http://127.0.0.1:${ports.api}`,
    ses: `http://127.0.0.1:${ports.ses}`,
    dynamo: `http://127.0.0.1:${ports.dynamo}`,
    output: () => output,
    kill: () => signal("SIGKILL"),
    stop: () => signal("SIGINT"),
  };
}

/**
 * How many emails each address received, as the stand-in keeps them under the data folder (one JSON
 * email a line), among those whose subject `matches`. Read as a stream: a 20,000-email inbox is large.
 */
export async function keptInbox(dataDir: string, matches: (subject: string) => boolean) {
  const counts = new Map<string, number>();
  const lines = createInterface({ input: createReadStream(join(dataDir, "ses", "emails.jsonl"), "utf8") });
  for await (const line of lines) {
    if (!line) continue;
    const email = JSON.parse(line) as { subject: string; destination: { to: string[] } };
    if (!matches(email.subject)) continue;
    for (const to of email.destination.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
}

/**
 * Polls `read` until `done` says so; returns the value that satisfied it. A read that fails (a
 * keep-alive connection the server closed as it was reused) is read again. Given `withinSeconds`,
 * it fails after that long instead of waiting for ever.
 */
export async function until<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  intervalMs = 25,
  withinSeconds = Number.POSITIVE_INFINITY,
): Promise<T> {
  const deadline = performance.now() + withinSeconds * 1000;
  for (;;) {
    if (performance.now() > deadline) throw new Error(`not done within ${withinSeconds} s`);
    try {
      const value = await read();
      if (done(value)) return value;
    } catch {
      // Polled again below.
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
