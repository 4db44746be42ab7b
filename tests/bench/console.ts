import { gzipSync } from "node:zlib";
import { consoleApp } from "../../functions/console/app.js";
import { buildConsoleAssets } from "../../functions/console/build.js";
import { CONSOLE_PAGES } from "../../functions/console/pages.js";
import type { Row } from "./rows.js";

/** A path that shows each page (the single edition and briefing need an id; any well-formed one). */
const PATHS: Record<string, string> = {
  "sign-in": "/console/sign-in",
  editions: "/console/editions",
  edition: "/console/editions/ed_aaaaaaaaaaaaaaaaaaaaaa",
  briefings: "/console/briefings",
  briefing: "/console/briefings/br_20260101",
  subscribers: "/console/subscribers",
  social: "/console/social",
  audit: "/console/audit",
};

/**
 * What each console page loads on a first visit, as a browser that accepts gzip receives it: the
 * HTML shell (gzip -9 here; the server sends it as is), the page's script and the stylesheet.
 * The budget is 100 KB of JS + CSS compressed per page.
 */
export async function measureConsolePages() {
  const app = consoleApp(await buildConsoleAssets());
  const gzip = { "accept-encoding": "gzip" };
  const rows = [];
  for (const page of Object.values(CONSOLE_PAGES)) {
    const html = await (await app.request(PATHS[page.name] as string)).text();
    const linked = [...html.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    let js = 0;
    let css = 0;
    for (const path of linked) {
      const bytes = (await (await app.request(path, { headers: gzip })).arrayBuffer()).byteLength;
      if (path.endsWith(".css")) css += bytes;
      else js += bytes;
    }
    rows.push({
      page: page.name,
      htmlGzipBytes: gzipSync(html, { level: 9 }).byteLength,
      jsGzipBytes: js,
      cssGzipBytes: css,
      totalGzipBytes: gzipSync(html, { level: 9 }).byteLength + js + css,
    });
  }
  return rows;
}

/** The bench table's rows for the console: each page's first load, compressed. */
export function consolePageRows(pages: Awaited<ReturnType<typeof measureConsolePages>>): Row[] {
  return pages.map((p) => [
    `console page ${p.page}: first load, gzip (HTML + JS + CSS)`,
    `${(p.totalGzipBytes / 1024).toFixed(1)} KB (${p.htmlGzipBytes} + ${p.jsGzipBytes} + ${p.cssGzipBytes} B)`,
    "JS + CSS ≤ 100 KB",
  ]);
}
