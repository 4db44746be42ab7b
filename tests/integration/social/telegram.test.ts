import { describe, expect, it } from "vitest";
import { adapterExamples } from "../../helpers/social/adapter-examples.js";
import { NOW, telegramHarness } from "../../helpers/social/network-harnesses.js";
import { ARTICLES, ONE_PIXEL_PNG, publishRequest } from "../../helpers/social/publish-request.js";

const telegram = telegramHarness();
const shared = adapterExamples(telegram, (fake) => fake.messages);

describe("Telegram publish", () => {
  it.each(Object.entries(ARTICLES))(
    "sends the %s card once with the composed HTML caption",
    async (_, article) => {
      // Prepare
      const adapter = telegram.adapter();
      const request = publishRequest("telegram", { article });

      // Act
      const outcome = await adapter.publish(request);

      // Assess
      expect(outcome).toEqual({ kind: "posted", postId: "41", url: "https://t.me/herald_news/41" });
      expect(telegram.fake.messages).toHaveLength(1);
      const [message] = telegram.fake.messages;
      expect(message?.captionHtml).toBe(request.post.caption);
      expect(message?.caption.startsWith(article.title)).toBe(true);
      expect(message?.links).toEqual([request.url]);
      expect(new Uint8Array(message?.photo ?? [])).toEqual(ONE_PIXEL_PNG);
      expect(message?.photoType).toBe("image/png");
      expect(telegram.fake.requests[0]?.path).toBe(`/bot${telegram.fake.token}/sendPhoto`);
    },
  );

  it("escaped markup in a headline reaches readers as text, and a long summary fits the caption", async () => {
    // Prepare
    const adapter = telegram.adapter();
    const article = {
      ...ARTICLES.latin,
      title: `Q&A <live>: "Who pays?"`,
      summary: "Why & how. ".repeat(200),
    };

    // Act
    const outcome = await adapter.publish(publishRequest("telegram", { article }));

    // Assess
    expect(outcome.kind).toBe("posted");
    expect(telegram.fake.messages[0]?.caption.startsWith(`Q&A <live>: "Who pays?"\n\n`)).toBe(true);
    expect(telegram.fake.messages[0]?.caption.length).toBeLessThanOrEqual(1024);
  });

  it("links a message in a private channel with t.me/c", async () => {
    // Prepare
    const adapter = telegram.adapter({ chatId: String(telegram.fake.privateChannel.id) });

    // Act
    const outcome = await adapter.publish(publishRequest("telegram"));

    // Assess
    expect(outcome).toEqual({ kind: "posted", postId: "41", url: "https://t.me/c/9876543210/41" });
  });

  shared.answersRateLimited("after parameters.retry_after", () => ({
    retryAt: new Date(NOW.getTime() + 17_000),
    message: "Too Many Requests: retry after 17",
  }));

  it.each(["created_then_5xx", "timeout"] as const)(
    "after %s the outcome is unknown, and lookup says it cannot know",
    async (fault) => {
      // Prepare
      const adapter = telegram.adapter({}, { timeoutMs: 1500 });
      const request = publishRequest("telegram");
      telegram.fake.failNext(fault);

      // Act
      const outcome = await adapter.publish(request);
      const lookup = await adapter.lookup(request);

      // Assess
      expect(outcome.kind).toBe("unknown");
      expect(lookup).toEqual({
        kind: "unknown",
        message:
          "The Telegram Bot API cannot read the history of @herald_news: check the chat by hand before posting again",
      });
      expect(telegram.fake.messages).toHaveLength(1);
    },
  );

  it("a revoked bot token is auth and flags the chat", async () => {
    // Prepare
    const adapter = telegram.adapter();
    telegram.fake.failNext("revoked_token");

    // Act
    const outcome = await adapter.publish(publishRequest("telegram"));

    // Assess
    expect(outcome).toEqual({ kind: "auth", message: "Telegram refused the bot token: Unauthorized" });
    expect(telegram.credentials.attention.get("telegram/@herald_news")).toBe(
      outcome.kind === "auth" && outcome.message,
    );
    expect(telegram.fake.messages).toEqual([]);
  });

  it.each([
    ["an unknown chat", { chatId: "@nobody_reads_this" }, undefined, "Bad Request: chat not found"],
    ["a bot that is not an admin", {}, "not_admin", "Forbidden: bot is not a member of the channel chat"],
  ] as const)("%s fails with Telegram's own description", async (_, settings, fault, description) => {
    // Prepare
    const adapter = telegram.adapter(settings);
    if (fault) telegram.fake.failNext(fault);

    // Act
    const outcome = await adapter.publish(publishRequest("telegram"));

    // Assess
    expect(outcome).toEqual({ kind: "failed", message: description });
  });

  it("a caption over 1,024 visible characters is refused with Telegram's description", async () => {
    // Prepare: not from the composer, which never makes one.
    const adapter = telegram.adapter();
    const request = publishRequest("telegram");
    const post = { ...request.post, caption: `<b>${"x".repeat(1025)}</b>` };

    // Act
    const outcome = await adapter.publish({ ...request, post });

    // Assess
    expect(outcome).toEqual({ kind: "failed", message: "Bad Request: message caption is too long" });
  });
});
