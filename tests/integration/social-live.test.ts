import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editionId } from "../../functions/domain/edition.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { type MastodonFake, startMastodonFake } from "../helpers/social/fakes/mastodon.js";
import { startTelegramFake, type TelegramFake } from "../helpers/social/fakes/telegram.js";

let herald: TestHerald;
let mastodon: MastodonFake;
let telegram: TelegramFake;

type SocialStatus = { network: string; status: string; url?: string; attempts: number };

async function socialOf(id: string): Promise<SocialStatus[]> {
  const res = await herald.app.request(`/v1/editions/${id}`, { headers: adminHeaders() });
  return ((await res.json()) as { social: SocialStatus[] }).social;
}

beforeAll(async () => {
  // Prepare: Mastodon and Telegram configured as a newsroom would (settings record = environment),
  // pointed at loopback servers that speak their protocols; the other five post to the outbox.
  [mastodon, telegram] = await Promise.all([startMastodonFake(), startTelegramFake()]);
  const channel = telegram.publicChannel.username as string;
  herald = await startHerald(
    {},
    {
      drawCards: true,
      socialQueue: { visibilityTimeoutMs: 30_000 },
      social: {
        outboxDir: mkdtempSync(join(tmpdir(), "herald-outbox-")),
        settings: {
          HERALD_MASTODON_API_URL: mastodon.url,
          HERALD_MASTODON_ACCESS_TOKEN: mastodon.token,
          HERALD_TELEGRAM_API_URL: telegram.url,
          HERALD_TELEGRAM_BOT_TOKEN: telegram.token,
          HERALD_TELEGRAM_CHAT_ID: `@${channel}`,
        },
      },
    },
  );
});
afterAll(async () => {
  await herald.stop();
  await Promise.all([mastodon.close(), telegram.close()]);
});

describe("publish webhook → real adapters on loopback networks", () => {
  it("posts once to each, the drawn card uploaded to Telegram, public URLs in the edition status", async () => {
    // Act
    const body = articleBody({ id: "live-1", title: "Harbour reopens after the storm" });
    const id = editionId(body.id, body.publishedAt);
    await herald.app.request("/v1/webhooks/articles", signedWebhook(body));
    await herald.settled();

    // Assess
    expect(mastodon.statuses).toHaveLength(1);
    expect(mastodon.statuses[0]?.text).toContain("Harbour reopens after the storm");
    expect(mastodon.statuses[0]?.text).toContain("utm_source=mastodon");
    expect(telegram.messages).toHaveLength(1);
    const card = await herald.app.request(`/v1/editions/${id}/card.png`);
    expect(Buffer.compare(telegram.messages[0]?.photo as Buffer, Buffer.from(await card.arrayBuffer()))).toBe(
      0,
    );
    const social = await socialOf(id);
    expect(social.find((s) => s.network === "mastodon")).toMatchObject({
      status: "posted",
      url: mastodon.statuses[0]?.url,
    });
    expect(social.find((s) => s.network === "telegram")).toMatchObject({
      status: "posted",
      url: expect.stringMatching(/^https:\/\/t\.me\//),
    });
  });

  it("waits out Mastodon's rate limit until its reset and posts then, once", async () => {
    // Prepare: the next status is refused with a reset one second ahead.
    mastodon.rateLimitReset = new Date(Date.now() + 1_000);
    mastodon.failNext("rate_limit");

    // Act
    const body = articleBody({ id: "live-2", title: "Ferries resume" });
    const id = editionId(body.id, body.publishedAt);
    await herald.app.request("/v1/webhooks/articles", signedWebhook(body));
    await herald.settled();

    // Assess
    const posts = mastodon.requests.filter((r) => r.method === "POST" && r.path === "/api/v1/statuses");
    const refused = posts.at(-2);
    const accepted = posts.at(-1);
    expect(mastodon.statuses.filter((s) => s.text.includes("Ferries resume"))).toHaveLength(1);
    expect(refused?.headers["idempotency-key"]).toBe(accepted?.headers["idempotency-key"]);
    expect((await socialOf(id)).find((s) => s.network === "mastodon")).toMatchObject({
      status: "posted",
      attempts: 2,
    });
  });
});
