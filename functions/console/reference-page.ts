import { escapeHtml } from "../domain/text.js";

/** The parts of a JSON Schema (2020-12) the contract's schemas use. */
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}
type Content = Record<string, { schema?: Schema }>;
interface Op {
  summary?: string;
  security?: Array<Record<string, unknown>>;
  "x-herald-role"?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content: Content };
  responses: Record<string, { description: string; content?: Content }>;
}
interface Doc {
  info: { title: string; description?: string };
  paths: Record<string, Record<string, Op>>;
}

/** Escaped, with the contract's `code` spans kept. */
const text = (s = "") => escapeHtml(s).replace(/`([^`]+)`/g, "<code>$1</code>");
const json = (v: unknown) => JSON.stringify(v);

function typeOf(s: Schema): string {
  if (s.enum) return s.enum.map(json).join(" | ");
  if (s.const !== undefined) return json(s.const);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.map(typeOf).join(" | ");
  if (s.type === "array") return `${typeOf(s.items ?? {})}[]`;
  return [s.type ?? "any"].flat().join(" | ") + (s.format ? ` (${s.format})` : "");
}

/** Bounds and default, e.g. " 1–5 = \"instant\"". */
function limits(s: Schema): string {
  const min = s.minimum ?? s.minLength ?? s.minItems;
  const max = s.maximum ?? s.maxLength ?? s.maxItems;
  const bounds = min === undefined && max === undefined ? "" : ` ${min ?? ""}–${max ?? ""}`;
  return escapeHtml(bounds + (s.default === undefined ? "" : ` = ${json(s.default)}`));
}

/** An object's fields as a nested list (an array's items' fields, when it holds objects). */
function fields(s: Schema, depth = 0): string {
  const shape = s.properties ? s : s.items?.properties ? s.items : undefined;
  if (!shape?.properties || depth > 4) return "";
  const rows = Object.entries(shape.properties).map(
    ([name, p]) =>
      `<li><code>${escapeHtml(name)}</code> ${escapeHtml(typeOf(p))}${limits(p)}${shape.required?.includes(name) ? " <b>required</b>" : ""}${p.description ? ` — ${text(p.description)}` : ""}${fields(p, depth + 1)}</li>`,
  );
  return `<ul>${rows.join("")}</ul>`;
}

function body(content: Content | undefined): string {
  return Object.entries(content ?? {})
    .map(([type, { schema }]) => {
      const shape = schema ? fields(schema) : "";
      return `<p>${escapeHtml(type)}${schema && !shape ? ` ${escapeHtml(typeOf(schema))}` : ""}</p>${shape}`;
    })
    .join("");
}

function access(op: Op): string {
  const schemes = (op.security ?? []).flatMap(Object.keys);
  if (schemes.length === 0) return "Public";
  const role = op["x-herald-role"];
  return `${schemes.join(" or ")}${role ? `, role ${escapeHtml(role)}` : ""}`;
}

function operation(path: string, method: string, op: Op, id: string): string {
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<li><code>${escapeHtml(p.name)}</code> ${escapeHtml(`${p.in}, ${typeOf(p.schema ?? {})}`)}${limits(p.schema ?? {})}${p.required ? " <b>required</b>" : ""}</li>`,
    )
    .join("");
  const responses = Object.entries(op.responses)
    .map(([status, r]) => {
      // Every 4xx and 5xx has Herald's one error shape, described once at the top.
      const detail = Number(status) < 400 ? body(r.content) : "";
      return `<li><b>${escapeHtml(status)}</b> ${text(r.description)}${detail}</li>`;
    })
    .join("");
  return `<section id="${id}"><h3>${method.toUpperCase()} <code>${escapeHtml(path)}</code></h3>
<p>${text(op.summary)}</p><p>Access: ${access(op)}</p>${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ""}${op.requestBody ? `<h4>Body</h4>${body(op.requestBody.content)}` : ""}<h4>Responses</h4><ul>${responses}</ul></section>`;
}

/**
 * The API reference served at `/docs`: the OpenAPI document as one readable page, rendered on the
 * server from the document the API already carries (no viewer, no script, nothing from a CDN).
 *
 * @example
 * const html = apiReferencePage(JSON.parse(openApiText()));
 */
export function apiReferencePage(doc: Doc): string {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      path,
      method,
      op,
      id: method + path.replace(/\W+/g, "-"),
    })),
  );
  const nav = ops
    .map((o) => `<li><a href="#${o.id}">${o.method.toUpperCase()} ${escapeHtml(o.path)}</a></li>`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.info.title)} API reference</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:880px;padding:16px;overflow-wrap:anywhere}
code{font:14px ui-monospace,monospace;background:#eee}section{border-top:1px solid #ccc}ul{padding-left:20px}
</style></head><body><header><h1>${escapeHtml(doc.info.title)} API reference</h1>
<p>${text(doc.info.description)}</p>
<p>As OpenAPI 3.1: <a href="/openapi.json">/openapi.json</a>. Access: adminKey is <code>Authorization: Bearer &lt;key></code>, session the console's cookie. Every error is <code>{"error":{"code","message","issues"?}}</code>.</p></header>
<nav aria-label="Operations"><h2>Operations</h2><ul>${nav}</ul></nav>
<main><h2>Details</h2>${ops.map((o) => operation(o.path, o.method, o.op, o.id)).join("\n")}</main></body></html>`;
}
