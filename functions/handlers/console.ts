import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { handle } from "hono/aws-lambda";
import { consoleApp } from "../console/app.js";
import { readConsoleAssets } from "../console/read-assets.js";

let app: ReturnType<typeof handle> | undefined;

/**
 * The console Lambda: page shells and the built scripts and stylesheet, read on the first request
 * from `console-assets/` beside the bundle (the CDK bundling step builds them there). No data, no
 * table, no secret: it serves the same files to everyone, and the API decides what a session sees.
 */
export const handler: ReturnType<typeof handle> = async (event, context) => {
  app ??= handle(
    consoleApp(readConsoleAssets(join(fileURLToPath(new URL(".", import.meta.url)), "console-assets"))),
  );
  return app(event, context);
};
