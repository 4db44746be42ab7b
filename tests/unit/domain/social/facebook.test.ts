import { describe, expect, it } from "vitest";
import { composeFacebook } from "../../../../functions/domain/social/facebook.js";
import { source, taggedFor } from "../../../fixtures/social/posts.js";

describe("composeFacebook", () => {
  it("makes a link post: the message without the link, the tagged link beside it", () => {
    // Prepare
    const article = source();

    // Act
    const post = composeFacebook(article);

    // Assess
    expect(post).toEqual({
      network: "facebook",
      message: `${article.title}\n\n${article.summary}\n\n#World #Politics`,
      link: taggedFor("facebook"),
    });
  });
});
