/**
 * Guards for text that came from outside (a CMS, a CSV) before it reaches an email, a header or a
 * template engine. Pure functions: they are used by the webhook, the importer and the renderer.
 */

/** Control characters (CR, LF, TAB, NUL, …) become single spaces: a title is one header-safe line. */
export function singleLine(value: string): string {
  let out = "";
  for (const ch of value) {
    const code = ch.codePointAt(0) as number;
    out += code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? " " : ch;
  }
  return out.replace(/\s{2,}/g, " ").trim();
}

/**
 * SES inline templates replace `{{name}}`; article text that looks like one would be filled in (or
 * break the render) per recipient. A zero-width joiner between the braces keeps it readable but inert.
 */
export function neutralizePlaceholders(value: string): string {
  return value.replace(/\{(?=\{)/g, "{\u200d").replace(/\}(?=\})/g, "}\u200d");
}

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
