import { describe, expect, it } from "vitest";
import { fillTemplate } from "../../../functions/render/template.js";

describe("fillTemplate", () => {
  it("inserts values and keeps sections whose value is non-empty or true", () => {
    // Prepare
    const source =
      "<h1>[[title]]</h1>[[#author]]<p>By [[author]]</p>[[/author]][[#breaking]]!![[/breaking]][[#summary]]S[[/summary]]";

    // Act
    const output = fillTemplate(source, { title: "A &amp; B", author: "Jo", breaking: true, summary: "" });

    // Assess
    expect(output).toBe("<h1>A &amp; B</h1><p>By Jo</p>!!");
  });

  it("never expands [[…]] that arrives inside a value", () => {
    // Act
    const output = fillTemplate("[[a]]|[[b]]", { a: "[[b]]", b: "B" });

    // Assess
    expect(output).toBe("[[b]]|B");
  });

  it("leaves SES placeholders alone", () => {
    // Act
    const output = fillTemplate('<a href="{{unsubscribeUrl}}">[[label]]</a>', { label: "Unsubscribe" });

    // Assess
    expect(output).toBe('<a href="{{unsubscribeUrl}}">Unsubscribe</a>');
  });

  it.each([
    ["a missing value", "[[nope]]", {}],
    ["a condition used as a value", "[[flag]]", { flag: true }],
    ["an unclosed section", "[[#a]]x", { a: "1" }],
    ["a nested section", "[[#a]][[#b]]x[[/b]][[/a]]", { a: "1", b: "1" }],
  ])("throws on %s", (_, source, values) => {
    // Act
    const fill = () => fillTemplate(source, values);

    // Assess
    expect(fill).toThrow();
  });
});
