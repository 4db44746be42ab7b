import { describe, expect, it } from "vitest";
import { configFromEnv } from "../../../../functions/adapters/env-config.js";
import { articleSchema } from "../../../../functions/domain/article.js";
import { editionCardInput, topicLabel } from "../../../../functions/render/social/edition-card.js";
import { articleBody } from "../../../helpers/factories.js";

const config = configFromEnv({ HERALD_PUBLIC_URL: "https://news.example.test" });
const article = (overrides: Record<string, unknown> = {}) =>
  articleSchema([...config.topics, "climate-change"]).parse(articleBody(overrides));

describe("what an edition's card shows", () => {
  it("the brand, the first topic as words, the title and the author", () => {
    // Act
    const input = editionCardInput(article({ topics: ["climate-change", "world"] }), config);

    // Assess
    expect(input).toEqual({
      brandName: config.brand.name,
      accentColor: config.brand.accentColor,
      label: "Climate change",
      headline: "US Seeks European Input on Ukraine Security Guarantees",
      byline: "By Oshadhi Gimesha",
      imageDataUrl: undefined,
    });
  });

  it("no byline without an author", () => {
    // Act + Assess
    expect(editionCardInput(article({ author: undefined }), config).byline).toBeUndefined();
  });

  it("a fetched image as a data: URL of its own type", () => {
    // Act
    const input = editionCardInput(article(), config, {
      type: "image/jpeg",
      bytes: Buffer.from([0xff, 0xd8, 0xff]),
    });

    // Assess
    expect(input.imageDataUrl).toBe("data:image/jpeg;base64,/9j/");
  });

  it.each([
    ["world", "World"],
    ["climate-change", "Climate change"],
    ["2024-elections", "2024 elections"],
  ])("topic %s reads as %s", (topic, label) => {
    expect(topicLabel(topic)).toBe(label);
  });
});
