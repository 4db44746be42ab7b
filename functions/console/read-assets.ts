import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type ConsoleAssets, consoleAssets } from "./assets.js";

/**
 * The built console files from a folder (the Lambda's asset carries them beside the handler).
 *
 * @example
 * const assets = readConsoleAssets(join(process.cwd(), "console-assets"));
 */
export function readConsoleAssets(dir: string): ConsoleAssets {
  return consoleAssets(
    readdirSync(dir).map((name): [string, Uint8Array] => [name, readFileSync(join(dir, name))]),
  );
}
