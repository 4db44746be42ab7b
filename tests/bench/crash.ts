import { spawnSync } from "node:child_process";
import type { Row } from "./rows.js";

/** The readers of the original crash report: `npm test` runs the same scenarios with a few hundred. */
const CRASH_READERS = 20_000;

/**
 * The crash tests (tests/integration/crash-restart.test.ts: `npm start` killed mid-send, mid-planning
 * and mid-briefing, then restarted) at the original report's scale, through vitest, so the same
 * assertions hold: each reader exactly one email. Returns the rows and whether the run passed.
 *
 * @example
 * const { rows, passed } = measureCrashAtScale(); // several minutes: 20,000 + 10,000 readers seeded
 */
export function measureCrashAtScale(readers = CRASH_READERS): {
  rows: Row[];
  passed: boolean;
  seconds: number;
} {
  const started = performance.now();
  const run = spawnSync(
    "node_modules/.bin/vitest",
    ["run", "--project", "integration", "tests/integration/crash-restart.test.ts"],
    { stdio: "inherit", env: { ...process.env, HERALD_CRASH_TEST_READERS: String(readers) } },
  );
  const seconds = (performance.now() - started) / 1000;
  const passed = run.status === 0;
  const rows: Row[] = [
    [
      `npm start killed mid-send, mid-planning and mid-briefing (${readers.toLocaleString("en")} instant readers), restarted`,
      `${passed ? "each reader exactly once" : "FAILED"}, ${seconds.toFixed(0)} s for the three scenarios`,
      "each reader exactly once",
    ],
  ];
  return { rows, passed, seconds };
}
