import { describe, expect, it } from "vitest";
import { excerptHtml, truncateText, truncateToBytes } from "../../../functions/render/excerpt.js";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("excerptHtml", () => {
  it("returns a body that fits unchanged", () => {
    // Act
    const excerpt = excerptHtml("<p>One</p><p>Two</p>", 100);

    // Assess
    expect(excerpt).toEqual({ html: "<p>One</p><p>Two</p>", truncated: false });
  });

  it("cuts between whole top-level blocks, nested ones included", () => {
    // Prepare
    const blocks = "<p>One <em>x</em></p><ul><li>a</li><li>b</li></ul>";
    const html = `${blocks}<p>Three</p>`;

    // Act
    const exact = excerptHtml(html, bytes(blocks));
    const oneByteShort = excerptHtml(html, bytes(blocks) - 1);

    // Assess
    expect(exact).toEqual({ html: blocks, truncated: true });
    expect(oneByteShort).toEqual({ html: "<p>One <em>x</em></p>", truncated: true });
  });

  it("counts UTF-8 bytes, not characters", () => {
    // Prepare
    const first = "<p>ééééé</p>";
    const html = `${first}<p>b</p>`;

    // Act
    const fits = excerptHtml(html, 17);
    const short = excerptHtml(html, 16);

    // Assess
    expect(bytes(first)).toBe(17);
    expect(fits.html).toBe(first);
    expect(short.html).not.toBe(first);
  });

  it("falls back to the opening words when even the first block is too big", () => {
    // Prepare
    const html = `<p>${"word & more ".repeat(1000)}</p>`;

    // Act
    const excerpt = excerptHtml(html, 500);

    // Assess
    expect(excerpt.truncated).toBe(true);
    expect(bytes(excerpt.html)).toBeLessThanOrEqual(500);
    expect(excerpt.html).toMatch(/^<p>word &amp; more .*…<\/p>$/);
  });
});

describe("truncateText and truncateToBytes", () => {
  it("cut at a word boundary and add an ellipsis only when cutting", () => {
    // Act
    const short = truncateText("Short", 10);
    const cut = truncateText("The quick brown fox jumps", 12);
    const byBytes = truncateToBytes("ü ü ü ü ü ü", 8);

    // Assess
    expect(short).toBe("Short");
    expect(cut).toBe("The quick…");
    expect(bytes(byBytes)).toBeLessThanOrEqual(8);
    expect(byBytes.endsWith("…")).toBe(true);
  });
});
