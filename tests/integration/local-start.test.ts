import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../infra/constructs/herald-function.js";
import { freePort, type HeraldProcess, startHeraldProcess } from "../helpers/herald-process.js";

/**
 * A newcomer's first minutes: `npm start` in one shell, the banner's commands in another, where
 * `PORT` was never exported.
 */
let dataDir: string;
let herald: HeraldProcess | undefined;
const LONG = 180_000;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "herald-start-"));
  herald = await startHeraldProcess(dataDir, {
    api: await freePort(),
    ses: await freePort(),
    dynamo: await freePort(),
  });
}, LONG);
afterAll(async () => {
  await herald?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The banner's publish command, run from the project folder in a shell of its own. */
async function publish(args: string[] = [], env: Record<string, string> = {}) {
  const { PORT: _port, HERALD_API: _api, HERALD_DATA_DIR: _dir, ...shell } = process.env;
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/publish.ts", ...args],
      { cwd: PROJECT_ROOT, env: { ...shell, ...env } },
    );
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe("the publish script", () => {
  it(
    "finds the running instance through its data folder, without PORT",
    async () => {
      // Act
      const run = await publish([], { HERALD_DATA_DIR: dataDir });

      // Assess
      expect(run.out).toMatch(/^202 /);
      expect(run.code).toBe(0);
    },
    LONG,
  );

  it(
    "still goes where PORT or --api says, and says so when nothing answers there",
    async () => {
      // Prepare: a port nobody listens on.
      const nowhere = await freePort();

      // Act
      const byPort = await publish([], { HERALD_DATA_DIR: dataDir, PORT: String(nowhere) });
      const byFlag = await publish([`--api=http://127.0.0.1:${nowhere}`], { HERALD_DATA_DIR: dataDir });

      // Assess
      for (const run of [byPort, byFlag]) {
        expect(run.code).toBe(1);
        expect(run.out).toContain(`No Herald answers at http://127.0.0.1:${nowhere}`);
      }
    },
    LONG,
  );

  it(
    "serves the inbox view and the API reference the banner links to, on the API's port",
    async () => {
      // Act
      const api = herald?.api as string;
      const banner = herald?.output() ?? "";
      const inbox = await fetch(`${api}/local/inbox`);
      const docs = await fetch(`${api}/docs`);

      // Assess
      expect(banner).toContain(`${api}/local/inbox`);
      expect(banner).toContain(`${api}/docs`);
      expect(inbox.status).toBe(200);
      expect(await inbox.text()).toContain("<h1>Local inbox</h1>");
      expect(docs.headers.get("content-type")).toMatch(/^text\/html/);
      expect((await fetch(`${api}/openapi.json`)).headers.get("content-type")).toMatch(/^application\/json/);
    },
    LONG,
  );

  it(
    "removes its record when it stops (a crash leaves it, and the pid tells it is stale)",
    async () => {
      // Act
      await herald?.stop();
      herald = undefined;

      // Assess
      expect(existsSync(join(dataDir, "instance.json"))).toBe(false);
    },
    LONG,
  );
});
