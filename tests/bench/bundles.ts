import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { bundlingFor } from "../../infra/constructs/herald-function.js";
import { FUNCTION_SPECS, type FunctionSpec } from "../../infra/function-specs.js";
import { median } from "./median.js";

/**
 * Bundles each Lambda with the options the stack gives NodejsFunction and measures its size,
 * whether MJML got in, and the cold import time in a fresh Node (median of 5).
 */
export async function measureBundles() {
  // Inside the project, so the external AWS SDK resolves from node_modules as it does from the
  // Lambda runtime's own copy.
  mkdirSync("node_modules/.cache", { recursive: true });
  const dir = mkdtempSync("node_modules/.cache/herald-bundles-");
  const rows = [];
  for (const [name, spec] of Object.entries(FUNCTION_SPECS) as Array<[string, FunctionSpec]>) {
    const options = bundlingFor(spec.renderer ?? false);
    const outdir = join(dir, name);
    const outfile = resolve(outdir, "index.mjs");
    const result = await build({
      entryPoints: [join("functions/handlers", spec.entry)],
      bundle: true,
      platform: "node",
      format: "esm",
      target: options.target as string,
      mainFields: options.mainFields as string[],
      external: options.externalModules as string[],
      banner: { js: options.banner as string },
      minify: true,
      outfile,
      metafile: true,
      logLevel: "silent",
    });
    if (spec.renderer) cpSync("templates/email", join(outdir, "templates/email"), { recursive: true });
    const importMs = [];
    for (let i = 0; i < 5; i++) {
      const out = execFileSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `const t=performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now()-t)`,
        ],
        {
          env: {
            ...process.env,
            AWS_REGION: "us-east-1",
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          },
        },
      );
      importMs.push(Number(out.toString().trim()));
    }
    rows.push({
      name,
      bytes: statSync(outfile).size,
      containsMjml: Object.keys(result.metafile.inputs).some((f) => f.includes("node_modules/mjml")),
      coldImportMs: median(importMs),
    });
  }
  return rows;
}
