import { describe, expect, it } from "vitest";
import { buildConsoleAssets } from "../../../functions/console/build.js";
import { CONSOLE_PAGES } from "../../../functions/console/pages.js";

/** The budget of a first load: the page's one script and the stylesheet, compressed. */
const FIRST_LOAD_BUDGET = 100 * 1024;

describe("the console build", () => {
  it("builds one script per page and the stylesheet, each page's first load within 100 KB gzip", async () => {
    const assets = await buildConsoleAssets();
    const css = assets.get("console.css");
    expect(css).toBeDefined();
    for (const page of Object.values(CONSOLE_PAGES)) {
      const js = assets.get(`${page.name}.js`);
      expect(js, page.name).toBeDefined();
      expect((js?.gzip.byteLength ?? 0) + (css?.gzip.byteLength ?? 0), page.name).toBeLessThanOrEqual(
        FIRST_LOAD_BUDGET,
      );
    }
  }, 60_000);

  it("never writes data as HTML: no innerHTML, outerHTML, insertAdjacentHTML or document.write", async () => {
    const assets = await buildConsoleAssets();
    for (const [name, asset] of assets) {
      if (!name.endsWith(".js")) continue;
      expect(new TextDecoder().decode(asset.body), name).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write/,
      );
    }
  }, 60_000);
});
