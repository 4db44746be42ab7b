import { existsSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { bundlingFor, PROJECT_ROOT } from "../../infra/constructs/herald-function.js";
import { FUNCTION_SPECS, type FunctionSpec } from "../../infra/function-specs.js";

const HANDLERS = join(PROJECT_ROOT, "functions", "handlers");
const specs = Object.entries(FUNCTION_SPECS) as Array<[string, FunctionSpec]>;

/** esbuild with the options the stack hands to NodejsFunction, returning the bundled input paths. */
async function bundleInputs(spec: FunctionSpec): Promise<{ inputs: string[]; bytes: number }> {
  const options = bundlingFor(spec.renderer ?? false);
  const result = await build({
    entryPoints: [join(HANDLERS, spec.entry)],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    write: false,
    outfile: "index.mjs",
    platform: "node",
    format: "esm",
    target: options.target as string,
    mainFields: options.mainFields as string[],
    external: options.externalModules as string[],
    banner: { js: options.banner as string },
    minify: true,
    metafile: true,
    logLevel: "silent",
  });
  const bytes = result.outputFiles.reduce((sum, f) => sum + f.contents.byteLength, 0);
  return { inputs: Object.keys(result.metafile.inputs), bytes };
}

describe("bundling options", () => {
  it("every bundle is ESM for Node 22 with a `require` shim and source maps", () => {
    for (const renderer of [false, true]) {
      const b = bundlingFor(renderer);
      expect(b.format).toBe("esm");
      expect(b.target).toBe("node22");
      expect(b.sourceMap).toBe(true);
      expect(b.banner).toContain("createRequire(import.meta.url)");
    }
  });

  it("leaves the AWS SDK to the runtime; only the renderer marks `typescript` and resvg external and copies files", () => {
    expect(bundlingFor(false).externalModules).toEqual(["@aws-sdk/*"]);
    expect(bundlingFor(false).commandHooks).toBeUndefined();
    const renderer = bundlingFor(true);
    expect(renderer.externalModules).toEqual(["@aws-sdk/*", "typescript", "@resvg/resvg-js"]);
    const commands = renderer.commandHooks?.afterBundling("/in", "/out") ?? [];
    expect(commands.slice(0, 2).join(" && ")).toBe(
      'mkdir -p "/out/templates" && cp -r "/in/templates/email" "/out/templates/email"',
    );
    // What the fonts and resvg commands put in the asset: render-bundle.test.ts bundles for real.
    expect(commands.join("\n")).toContain('"/out/fonts/noto-sans-sc/files/"');
    expect(commands.join("\n")).toContain("npm pack @resvg/resvg-js-linux-arm64-gnu@");
  });
});

describe.each(specs)("the %s bundle", (name, spec) => {
  const entry = join(HANDLERS, spec.entry);
  it.skipIf(!existsSync(entry))(
    spec.renderer ? "builds and carries mjml" : "builds without mjml",
    async () => {
      const { inputs, bytes } = await bundleInputs(spec);
      const mjml = inputs.filter((path) => /node_modules\/mjml/.test(path));
      const card = inputs.filter((path) => /node_modules\/(satori|@resvg|@fontsource)\//.test(path));
      if (spec.renderer) expect(mjml.length, name).toBeGreaterThan(0);
      else expect(mjml, `${name} must not bundle mjml`).toEqual([]);
      if (spec.renderer) expect(card.length, name).toBeGreaterThan(0);
      else expect(card, `${name} must not bundle the card renderer`).toEqual([]);
      // The API answers every request, cold ones included: its bundle has a budget.
      if (name === "api") expect(bytes).toBeLessThanOrEqual(300 * 1024);
      expect(inputs.some((path) => path.includes("node_modules/typescript/"))).toBe(false);
      expect(bytes).toBeGreaterThan(1000);
    },
    60_000,
  );
});
