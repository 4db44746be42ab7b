import { gzipSync } from "node:zlib";

/** One built file of the console, kept compressed too: API Gateway does not compress responses. */
export interface ConsoleAsset {
  type: string;
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
}

export type ConsoleAssets = ReadonlyMap<string, ConsoleAsset>;

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  map: "application/json; charset=utf-8",
  json: "application/json; charset=utf-8",
  html: "text/html; charset=utf-8",
};

/**
 * Wraps built files (name → bytes) as assets with their content type and gzip form.
 *
 * @example
 * const assets = consoleAssets([["editions.js", bytes]]);
 */
export function consoleAssets(files: Iterable<[string, Uint8Array]>): ConsoleAssets {
  const out = new Map<string, ConsoleAsset>();
  for (const [name, body] of files) {
    const ext = name.split(".").pop() ?? "";
    const copy = new Uint8Array(body); // its own ArrayBuffer, as a Response body wants
    out.set(name, {
      type: TYPES[ext] ?? "application/octet-stream",
      body: copy,
      gzip: new Uint8Array(gzipSync(copy, { level: 9 })),
    });
  }
  return out;
}
