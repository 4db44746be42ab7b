const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

/** A number's size: a byte per two significant digits, plus one (leading and trailing zeros trimmed). */
function numberBytes(n: number | bigint) {
  const digits = String(n)
    .replace(/^-/, "")
    .replace(/e.*$/i, "")
    .replace(".", "")
    .replace(/^0+/, "")
    .replace(/0+$/, "");
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** The size DynamoDB counts for one attribute value (native JavaScript, as the DocumentClient reads it). */
function valueBytes(value: unknown): number {
  if (value === null || value === undefined || typeof value === "boolean") return 1;
  if (typeof value === "string") return utf8(value);
  if (typeof value === "number" || typeof value === "bigint") return numberBytes(value);
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + valueBytes(v), 0);
  // Lists and maps: 3 bytes, and a byte of overhead per element.
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueBytes(v), 0);
  if (typeof value === "object")
    return 3 + Object.entries(value).reduce((sum, [name, v]) => sum + utf8(name) + 1 + valueBytes(v), 0);
  return utf8(String(value));
}

/**
 * An item's size as DynamoDB bills it: each attribute's name and value (UTF-8 strings, a byte per two
 * significant digits of a number, lists and maps 3 bytes plus a byte per element), so a write's units
 * can be counted where DynamoDB Local does not count them (transactions).
 *
 * @example
 * itemBytes({ pk: "abc", n: 12 }); // 2 + 3 + 1 + 2 = 8
 */
export function itemBytes(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueBytes(value), 0);
}
