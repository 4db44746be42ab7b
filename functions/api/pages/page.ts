import type { Config } from "../../domain/config.js";
import { escapeHtml } from "../../domain/text.js";

/**
 * A small server-rendered page in the newsroom's colours: readable on a phone, usable with a screen
 * reader, no script. `body` is trusted HTML built by the caller from escaped values.
 */
export function page(config: Pick<Config, "brand">, title: string, body: string): string {
  const accent = config.brand.accentColor;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(config.brand.name)}</title>
<style>
body{font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f6f4;color:#1c1c1c}
header{background:${accent};color:#fff;padding:16px 20px;font-weight:700;font-size:20px}
main{max-width:560px;margin:24px auto;padding:24px;background:#fff;border-radius:8px}
h1{font-size:24px;margin-top:0}
button{font:inherit;background:${accent};color:#fff;border:0;border-radius:6px;padding:12px 20px;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
</style></head>
<body><header>${escapeHtml(config.brand.name)}</header><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** Security headers for every HTML page Herald serves: no script, no framing, no referrer leaks. */
export const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
};
