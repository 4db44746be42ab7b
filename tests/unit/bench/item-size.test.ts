import { describe, expect, it } from "vitest";
import { itemBytes } from "../../bench/item-size.js";

describe("itemBytes", () => {
  it("counts names and values as DynamoDB does", () => {
    // Strings: UTF-8 bytes of the name and of the value.
    expect(itemBytes({ pk: "abc" })).toBe(5);
    expect(itemBytes({ é: "ü" })).toBe(4);
    // Numbers: a byte per two significant digits, plus one.
    expect(itemBytes({ n: 12 })).toBe(1 + 2);
    expect(itemBytes({ n: 12345 })).toBe(1 + 4);
    expect(itemBytes({ n: 1000 })).toBe(1 + 2);
    // Booleans and null: one byte.
    expect(itemBytes({ b: true, z: null })).toBe(4);
    // Lists and maps: 3 bytes, a byte per element, and the elements (a map's with their names).
    expect(itemBytes({ l: ["ab", 1] })).toBe(1 + 3 + (1 + 2) + (1 + 2));
    expect(itemBytes({ m: { k: "v" } })).toBe(1 + 3 + (1 + 1 + 1));
    // Sets: their elements.
    expect(itemBytes({ s: new Set([1, 22]) })).toBe(1 + 2 + 2);
    expect(itemBytes({ bin: new Uint8Array(10) })).toBe(3 + 10);
  });

  it("counts a long value byte for byte", () => {
    expect(itemBytes({ pk: "x", body: "y".repeat(1021) })).toBe(2 + 1 + 4 + 1021);
  });
});
