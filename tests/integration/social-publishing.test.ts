import { afterEach, describe, expect, it } from "vitest";
import { socialIdempotencyKey } from "../../functions/domain/social/intent.js";
import { socialUrl } from "../../functions/domain/social/network.js";
import { prepareEdition, type RenderFn } from "../../functions/flows/prepare-edition.js";
import { adminHeaders } from "../helpers/factories.js";
import { postUrl, scriptedAdapter } from "../helpers/social/scripted-adapter.js";
import { PNG, socialHarness } from "../helpers/social/social-harness.js";

type Harness = Awaited<ReturnType<typeof socialHarness>>;
let harness: Harness | undefined;
afterEach(() => harness?.stop());

const render: RenderFn = async (article) => ({
  subject: article.title,
  preheader: "",
  html: "<p>x</p>",
  text: "x",
  webHtml: "<p>x</p>",
});

async function socialOf(h: Harness, id: string) {
  const res = await h.app.request(`/v1/editions/${id}`, { headers: adminHeaders() });
  expect(res.status).toBe(200);
  return ((await res.json()) as { social: Array<Record<string, unknown>> }).social;
}

describe("social publishing: one post per edition and account", () => {
  it("posts once to each of two accounts, with the tagged URL, the card and a stable key", async () => {
    // Prepare
    const bluesky = scriptedAdapter("bluesky", "news.example");
    const mastodon = scriptedAdapter("mastodon", "@news@social.example", { idempotent: true });
    harness = await socialHarness([bluesky.adapter, mastodon.adapter]);
    const id = await harness.edition();

    // Act
    await harness.post(id);

    // Assess
    expect(bluesky.calls.publish).toHaveLength(1);
    expect(mastodon.calls.publish).toHaveLength(1);
    const request = bluesky.calls.publish[0];
    expect(request?.post.network).toBe("bluesky");
    expect(request?.url).toBe(socialUrl("https://news.example/us-europe-ukraine", "bluesky", id));
    expect(request?.cardUrl).toBe(`https://news.example.test/v1/editions/${id}/card.png`);
    expect(request?.idempotencyKey).toBe(socialIdempotencyKey(id, "bluesky", "news.example"));
    expect(await request?.card()).toEqual(PNG);
    const social = await socialOf(harness, id);
    expect(social.map((s) => [s.network, s.status, s.url, s.attempts]).sort()).toEqual([
      ["bluesky", "posted", postUrl("bluesky"), 1],
      ["mastodon", "posted", postUrl("mastodon"), 1],
    ]);
  });

  it("a render job retried after it queued the edition makes no second intent and no second post", async () => {
    // Prepare: the first render job dies right after handing the edition to the social worker (the
    // edition is sending; its planning dies at the first checkpoint), and the job is retried.
    const x = scriptedAdapter("x", "@news");
    const telegram = scriptedAdapter("telegram", "-100200300");
    harness = await socialHarness([x.adapter, telegram.adapter]);
    const id = await harness.edition();
    const ports = harness.ports;
    let crashes = 1;
    const crashing = {
      ...ports,
      editions: {
        ...ports.editions,
        checkpoint: async (...args: Parameters<typeof ports.editions.checkpoint>) => {
          if (crashes-- > 0) throw new Error("worker died");
          return ports.editions.checkpoint(...args);
        },
      },
    };

    // Act
    await expect(prepareEdition(crashing, render, id)).rejects.toThrow("worker died");
    await prepareEdition(crashing, render, id);
    await harness.runDue();

    // Assess
    expect(harness.socialQueue.sent.filter((m) => !("network" in m.job))).toHaveLength(2);
    expect(await ports.socialIntents.listForEdition(id)).toHaveLength(2);
    expect(x.calls.publish).toHaveLength(1);
    expect(telegram.calls.publish).toHaveLength(1);
  });

  it("queues nothing for an article with channels.social false", async () => {
    // Prepare
    const x = scriptedAdapter("x", "@news");
    harness = await socialHarness([x.adapter]);
    const id = await harness.edition({ channels: { email: true, social: false } });

    // Act
    await prepareEdition(harness.ports, render, id);
    await harness.post(id); // even a stray edition message posts nothing

    // Assess
    expect(harness.socialQueue.sent.filter((m) => m.job.editionId === id)).toHaveLength(1);
    expect(await harness.ports.socialIntents.listForEdition(id)).toEqual([]);
    expect(x.calls.publish).toHaveLength(0);
  });

  it("waits for the card: no network sees the post before it is stored", async () => {
    // Prepare
    const linkedin = scriptedAdapter("linkedin", "urn:li:organization:1");
    harness = await socialHarness([linkedin.adapter]);
    const id = await harness.edition({}, { card: false });

    // Act
    await harness.post(id);
    const before = linkedin.calls.publish.length;
    await harness.cards.put(id, PNG);
    harness.advance(60_000);
    await harness.runDue();

    // Assess
    expect(before).toBe(0);
    expect(linkedin.calls.publish).toHaveLength(1);
    expect((await socialOf(harness, id))[0]?.status).toBe("posted");
  });

  it("shows the network's own message when it refuses for good, and does not try again", async () => {
    // Prepare
    const message = "Error validating access token: the post text is too long (code 100)";
    const facebook = scriptedAdapter("facebook", "123456", { publish: [{ kind: "failed", message }] });
    harness = await socialHarness([facebook.adapter]);
    const id = await harness.edition();

    // Act
    await harness.post(id);
    harness.advance(3_600_000);
    await harness.runDue();

    // Assess
    expect(await socialOf(harness, id)).toEqual([
      expect.objectContaining({ network: "facebook", status: "failed", error: message, attempts: 1 }),
    ]);
    expect(facebook.calls.publish).toHaveLength(1);
  });

  it("counts a duplicate without a link as posted, and says so", async () => {
    // Prepare
    const threads = scriptedAdapter("threads", "newsroom", {
      publish: [{ kind: "duplicate", message: "this post was already published" }],
    });
    harness = await socialHarness([threads.adapter]);
    const id = await harness.edition();

    // Act
    await harness.post(id);

    // Assess
    const [post] = await socialOf(harness, id);
    expect(post?.status).toBe("posted");
    expect(post?.url).toBeUndefined();
    expect(String(post?.message)).toMatch(/counted as posted.*already published/);
  });
});
