import { describe, expect, it } from "vitest";
import { projectionOf } from "../../../../functions/adapters/dynamo/indexed-items.js";

describe("projectionOf", () => {
  it("names every part of every path once, so reserved words and nested fields both work", () => {
    const p = projectionOf(["status", "counts", "article.id", "article.title", "id"]);

    expect(p.expression).toBe("#p0, #p1, #p2.#p3, #p2.#p4, #p3");
    expect(p.names).toEqual({
      "#p0": "status",
      "#p1": "counts",
      "#p2": "article",
      "#p3": "id",
      "#p4": "title",
    });
  });
});
