import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type ConsoleAssets, consoleAssets } from "./assets.js";

/** The browser sources: one module per page under `console/pages/`, one stylesheet. */
export const CONSOLE_SOURCE = fileURLToPath(new URL("../../console/", import.meta.url));

/**
 * Bundles the console with esbuild: each page's module with what it imports (no shared chunk: a
 * page loads exactly one script), minified for current browsers, plus the stylesheet. Build-time
 * only (esbuild is a dev dependency): `npm start` and the tests build in memory, the console
 * Lambda's asset gets the files from `scripts/build-console.ts`.
 *
 * @example
 * const assets = await buildConsoleAssets();
 * assets.get("editions.js")?.gzip.byteLength; // a few KB
 */
export async function buildConsoleAssets(): Promise<ConsoleAssets> {
  const pages = readdirSync(`${CONSOLE_SOURCE}pages`).filter((f) => f.endsWith(".ts"));
  const result = await build({
    entryPoints: [...pages.map((f) => `${CONSOLE_SOURCE}pages/${f}`), `${CONSOLE_SOURCE}console.css`],
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    target: ["chrome120", "firefox120", "safari16"],
    outdir: "/console-assets",
    entryNames: "[name]",
    charset: "utf8",
    legalComments: "none",
    logLevel: "silent",
  });
  return consoleAssets(result.outputFiles.map((f) => [f.path.split("/").pop() as string, f.contents]));
}
