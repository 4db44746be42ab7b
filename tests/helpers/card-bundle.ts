import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { cardFontCommands } from "../../infra/constructs/card-assets.js";
import { bundlingFor, PROJECT_ROOT } from "../../infra/constructs/herald-function.js";

/**
 * The card renderer (`functions/render/social/card.ts`) bundled the way the render function is,
 * in a folder outside the project (so nothing resolves from its node_modules): `index.mjs`, the
 * fonts beside it, and resvg external in `node_modules/`. This machine's resvg binary stands in
 * for the arm64 one the Lambda asset carries. Returns the bundle's path.
 */
export async function bundleCardRenderer(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "herald-card-bundle-"));
  const options = bundlingFor(true);
  await build({
    entryPoints: [join(PROJECT_ROOT, "functions/render/social/card.ts")],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    outfile: join(dir, "index.mjs"),
    platform: "node",
    format: "esm",
    target: options.target as string,
    mainFields: options.mainFields as string[],
    external: options.externalModules as string[],
    banner: { js: options.banner as string },
    minify: true,
    logLevel: "silent",
  });
  const resvg = join(PROJECT_ROOT, "node_modules/@resvg");
  const commands = [
    ...cardFontCommands(PROJECT_ROOT, dir),
    `mkdir -p "${dir}/node_modules/@resvg"`,
    `cp -rL "${resvg}/resvg-js" "${resvg}/resvg-js-${process.platform}-${process.arch}-gnu" "${dir}/node_modules/@resvg/"`,
  ];
  execFileSync("bash", ["-c", commands.join(" && ")]);
  return join(dir, "index.mjs");
}
