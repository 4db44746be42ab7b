/** How many templates' encodings are kept: a briefing sends up to 31 topic combinations at once. */
const KEPT = 32;
/** By the template's HTML: the rest of its content (subject, text, data) as JSON, and the bytes. */
const kept = new Map<string, { rest: string; head: Buffer }>();

/**
 * `SendBulkEmail`'s JSON body, as the bytes that are signed and sent. Every call of a send carries
 * the same inline template (20–30 KB of HTML), and encoding the whole body afresh cost about 1 ms of
 * CPU a call, against some 0.15 ms for the rest (docs/performance.md). So the template's part is
 * encoded once and kept, and a call encodes only its entries. A kept part is used only while all
 * of the template's content is the same, not only its HTML.
 *
 * @example
 * const body = bulkEmailBody(command.input); // JSON.parse(body) equals the input
 */
export function bulkEmailBody(input: Record<string, unknown>): Buffer {
  const { DefaultContent: content, ...entries } = input;
  const html = (content as { Template?: { TemplateContent?: { Html?: unknown } } } | undefined)?.Template
    ?.TemplateContent?.Html;
  if (typeof html !== "string") return Buffer.from(JSON.stringify(input));
  // Small beside the HTML: everything else the template holds, which a kept head must match too.
  const rest = JSON.stringify(content, (_, value) => (value === html ? undefined : value));
  let head = kept.get(html);
  if (head?.rest !== rest) {
    head = { rest, head: Buffer.from(`{"DefaultContent":${JSON.stringify(content)},`) };
    kept.delete(html);
    if (kept.size >= KEPT) kept.delete(kept.keys().next().value as string);
    kept.set(html, head);
  }
  // `entries` serialized starts with "{": the head already opened the object.
  const tail = JSON.stringify(entries);
  if (tail === "{}") return Buffer.concat([head.head.subarray(0, -1), Buffer.from("}")]);
  const body = Buffer.allocUnsafeSlow(head.head.length + Buffer.byteLength(tail) - 1);
  head.head.copy(body, 0);
  body.write(tail.slice(1), head.head.length);
  return body;
}
