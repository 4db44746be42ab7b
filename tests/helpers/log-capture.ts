import { vi } from "vitest";

/**
 * Captures everything the process writes (Powertools logs info to stdout, warnings and errors to
 * stderr) and sets the test Herald's log level to DEBUG, so a test can assert what never appears in
 * a log line. Call before `startHerald()`; `vi.restoreAllMocks()` ends it.
 */
export function captureLogs(): { text: () => string } {
  process.env.HERALD_TEST_LOG = "DEBUG";
  const lines: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  }
  return { text: () => lines.join("") };
}
