import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { handle } from "hono/aws-lambda";
import { consoleApp } from "../console/app.js";
import { readConsoleAssets } from "../console/read-assets.js";

/**
 * The console Lambda: page shells and the built scripts and stylesheet, read once per container
 * from `console-assets/` beside the bundle (the CDK bundling step builds them there). No data, no
 * table, no secret: it serves the same files to everyone, and the API decides what a session sees.
 */
const assets = readConsoleAssets(join(fileURLToPath(new URL(".", import.meta.url)), "console-assets"));
export const handler = handle(consoleApp(assets));
