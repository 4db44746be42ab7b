import { describe, expect, it } from "vitest";
import { PLACEHOLDERS } from "../../../functions/domain/rendered.js";
import { contrastRatio, linkColorOnWhite, textColorOn } from "../../../functions/render/colors.js";
import { assertOnlyPlaceholders } from "../../../functions/render/placeholder-guard.js";
import { webVersion } from "../../../functions/render/web-version.js";

describe("assertOnlyPlaceholders", () => {
  it("accepts the sanctioned placeholders and inert look-alikes", () => {
    // Act
    const check = () =>
      assertOnlyPlaceholders(
        "html",
        '<a href="{{unsubscribeUrl}}">{\u200d{x}\u200d}</a>{{preferencesUrl}}',
        PLACEHOLDERS,
      );

    // Assess
    expect(check).not.toThrow();
  });

  it.each(["{{name}}", "{{{unsubscribeUrl}}}", "{{ unsubscribeUrl }}", "{{#each x}}"])(
    "rejects %s",
    (text) => {
      // Act
      const check = () => assertOnlyPlaceholders("html", text, PLACEHOLDERS);

      // Assess
      expect(check).toThrow(/unexpected placeholder in html/);
    },
  );
});

describe("webVersion", () => {
  it("cuts personal and inbox-only blocks", () => {
    // Act
    const web = webVersion(
      "<p>a</p><!--herald:email-only-->view<!--/herald:email-only--><p>b</p><!--herald:personal-->{{unsubscribeUrl}}<!--/herald:personal-->",
    );

    // Assess
    expect(web).toBe("<p>a</p><p>b</p>");
  });

  it("throws on a marker without its pair rather than leak a personal link", () => {
    // Act
    const cut = () => webVersion("<!--herald:personal-->{{unsubscribeUrl}}");

    // Assess
    expect(cut).toThrow(/unbalanced/);
  });
});

describe("brand colours", () => {
  it("pick readable text on the accent and fall back for pale link colours", () => {
    // Act
    const onDark = textColorOn("#0b5cab");
    const onPale = textColorOn("#ffe000");

    // Assess
    expect(onDark).toBe("#ffffff");
    expect(onPale).toBe("#111827");
    expect(linkColorOnWhite("#0b5cab")).toBe("#0b5cab");
    expect(linkColorOnWhite("#ffe000")).toBe("#111827");
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21);
  });
});
