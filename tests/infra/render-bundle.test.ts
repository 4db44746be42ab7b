import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { App, Stack } from "aws-cdk-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardFontFiles } from "../../functions/render/social/fonts.js";
import { HeraldFunction, PROJECT_ROOT } from "../../infra/constructs/herald-function.js";
import { FUNCTION_SPECS } from "../../infra/function-specs.js";
import { bundleCardRenderer } from "../helpers/card-bundle.js";
import { cdkJsonContext } from "./helpers.js";

/** ELF's e_machine (bytes 18–19, little-endian) for AArch64. */
const EM_AARCH64 = 183;

function elfMachine(path: string): number {
  const header = Buffer.alloc(20);
  const fd = openSync(path, "r");
  readSync(fd, header, 0, 20, 0);
  return header.toString("latin1", 1, 4) === "ELF" ? header.readUInt16LE(18) : -1;
}

let outdir: string;
/** The render function's asset folder, bundled for real (the one test here that runs esbuild). */
let asset: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), "herald-render-bundle-"));
  // Without the `aws:cdk:bundling-stacks` override the other infra tests set: this stack bundles.
  const app = new App({ outdir, context: cdkJsonContext() });
  const stack = new Stack(app, "RenderBundle");
  const { renderPlan } = FUNCTION_SPECS;
  new HeraldFunction(stack, "RenderPlan", {
    ...renderPlan,
    handlersDir: join(PROJECT_ROOT, "functions/handlers"),
  });
  const assembly = app.synth();
  const dirs = readdirSync(assembly.directory).filter((d) => d.startsWith("asset."));
  asset = join(
    assembly.directory,
    dirs.find((d) => existsSync(join(assembly.directory, d, "index.mjs"))) ?? "",
  );
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("the render function's bundle", () => {
  it("carries the email templates", () => {
    expect(existsSync(join(asset, "templates/email/article.mjml"))).toBe(true);
  });

  it("carries every font file a card can read, and no other", () => {
    // Prepare
    const expected = Object.entries(cardFontFiles()).flatMap(([name, files]) =>
      files.map((f) => `${name}/${f}`),
    );

    // Act
    const carried = readdirSync(join(asset, "fonts"), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(join(asset, "fonts").length + 1));

    // Assess
    expect(carried.sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(200);
  });

  it("carries resvg's wrapper and its linux-arm64 (glibc) binary, for arm64 functions built on any machine", () => {
    // Prepare
    const modules = join(asset, "node_modules/@resvg");

    // Act
    const binary = join(modules, "resvg-js-linux-arm64-gnu/resvgjs.linux-arm64-gnu.node");

    // Assess
    expect(readdirSync(join(modules, "resvg-js")).sort()).toEqual([
      "index.js",
      "js-binding.js",
      "package.json",
    ]);
    expect(elfMachine(binary)).toBe(EM_AARCH64);
    expect(readdirSync(modules).sort()).toEqual(["resvg-js", "resvg-js-linux-arm64-gnu"]);
  });

  it("stays well inside Lambda's 250 MB unzipped", () => {
    // Act
    const bytes = readdirSync(asset, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);

    // Assess
    expect(bytes).toBeLessThan(50 * 1024 * 1024);
  });
});

describe("the card renderer, bundled like the render function", () => {
  it("draws Latin, Greek, Cyrillic and Chinese from the fonts beside its bundle, in a fresh process", async () => {
    // Prepare: a folder outside the project, so no font can come from node_modules.
    const bundle = await bundleCardRenderer();
    const script = `
      const { renderCard } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
      const missing = [];
      const png = await renderCard({ brandName: "Herald", accentColor: "#b3261e", label: "world",
        headline: "Storm — Καταιγίδα — Шторм — 美国就乌克兰安全保障问题征求欧洲意见", byline: "By Jane Doe" },
        { onMissingGlyph: (s) => missing.push(s) });
      const view = new DataView(png.buffer, png.byteOffset);
      console.log(JSON.stringify({ width: view.getUint32(16), height: view.getUint32(20), missing }));`;

    // Act
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: dirname(bundle),
    });

    // Assess
    expect(JSON.parse(out.toString())).toEqual({ width: 1200, height: 630, missing: [] });
    rmSync(dirname(bundle), { recursive: true, force: true });
  });
});
