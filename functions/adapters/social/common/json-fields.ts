/**
 * Reading fields of a JSON answer body the adapters do not parse with a schema: a missing or
 * mistyped field is `undefined`, never a throw, so a surprising answer is decided on like an empty one.
 */

/**
 * A field of a JSON object body, when the body is one.
 *
 * @example
 * field({ data: { id: "1" } }, "data"); // { id: "1" }
 */
export function field(body: unknown, name: string): unknown {
  return body !== null && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
}

/**
 * A non-empty string field of a JSON object body, or `undefined`.
 *
 * @example
 * textField({ id: "1790" }, "id"); // "1790"
 */
export function textField(body: unknown, name: string): string | undefined {
  const value = field(body, name);
  return typeof value === "string" && value !== "" ? value : undefined;
}
