import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildConsoleAssets } from "../functions/console/build.js";

/**
 * Writes the console's built files into a folder: `tsx scripts/build-console.ts <dir>`. The console
 * Lambda's bundling runs it to put `console-assets/` beside the handler.
 */
const dir = resolve(process.argv[2] ?? "dist/console-assets");
mkdirSync(dir, { recursive: true });
for (const [name, asset] of await buildConsoleAssets()) writeFileSync(join(dir, name), asset.body);
console.log(`console assets written to ${dir}`);
