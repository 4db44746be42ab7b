import { describe, expect, it } from "vitest";
import { composeMastodon } from "../../../../functions/domain/social/mastodon.js";
import { mastodonCount, source, taggedFor, words } from "../../../fixtures/social/posts.js";

describe("composeMastodon", () => {
  it("fits 500 by default, the link counting 23 however long it is", () => {
    // Prepare
    const url = `https://news.example.org/${"section/".repeat(40)}story`;
    const summary = words(400);

    // Act
    const { status } = composeMastodon(source({ url, summary, topics: [] }));

    // Assess
    expect(status).toContain(summary);
    expect(status).toContain(taggedFor("mastodon", source({ url })));
    expect(mastodonCount(status)).toBeLessThanOrEqual(500);
  });

  it("uses the instance's own limit when it is known", () => {
    // Prepare
    const summary = words(3000);

    // Act
    const roomy = composeMastodon(source({ summary }), { maxCharacters: 5000, charactersReservedPerUrl: 23 });
    const tight = composeMastodon(source({ summary }), { maxCharacters: 150, charactersReservedPerUrl: 23 });

    // Assess
    expect(roomy.status).toContain(summary);
    expect(mastodonCount(tight.status)).toBeLessThanOrEqual(150);
    expect(tight.status).toContain(taggedFor("mastodon"));
  });

  it("refuses a limit too small for the link itself instead of posting it cut", () => {
    // Act + Assess
    expect(() => composeMastodon(source(), { maxCharacters: 20, charactersReservedPerUrl: 23 })).toThrow(
      /link alone/,
    );
  });
});
