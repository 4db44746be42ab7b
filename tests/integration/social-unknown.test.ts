import { afterEach, describe, expect, it } from "vitest";
import {
  MAX_UNRESOLVED,
  type SocialIntent,
  unresolvedBackoffMs,
} from "../../functions/domain/social/intent.js";
import type { AnySocialAdapter } from "../../functions/flows/ports/social-adapters.js";
import { claimed } from "../../functions/flows/social-outcomes.js";
import { scriptedAdapter } from "../helpers/social/scripted-adapter.js";
import { socialHarness } from "../helpers/social/social-harness.js";

type Harness = Awaited<ReturnType<typeof socialHarness>>;
let harness: Harness | undefined;
afterEach(() => harness?.stop());

const timeout = { kind: "unknown", message: "timed out after 10 s waiting for the network" } as const;
const found = {
  kind: "found",
  postId: "111",
  url: "https://bsky.app/profile/news.example/post/111",
} as const;

/** Moves the clock to each wait the flow asked for and runs what is due, until nothing is queued. */
async function runToQuiet(h: Harness) {
  for (let i = 0; i < 20 && h.socialQueue.messages.length > 0; i++) {
    const next = Math.min(...h.socialQueue.messages.map((m) => m.dueAt));
    h.advance(Math.max(0, next - h.now().getTime()));
    await h.runDue();
  }
}

/** A harness whose only account is `adapter`'s, and an edition recorded in it. */
async function withEdition(adapter: AnySocialAdapter) {
  harness = await socialHarness([adapter]);
  return { h: harness, id: await harness.edition() };
}

/** The same, with the edition's posts fanned out and run until nothing is queued. */
async function settled(adapter: AnySocialAdapter) {
  const { h, id } = await withEdition(adapter);
  await h.post(id);
  await runToQuiet(h);
  return { h, id };
}

describe("social publishing when the outcome is unknown", () => {
  it("a publish that timed out is looked up first, and a post found there is not published again", async () => {
    // Prepare
    const bluesky = scriptedAdapter("bluesky", "news.example", { publish: [timeout], lookup: [found] });
    const { h, id } = await withEdition(bluesky.adapter);

    // Act
    await h.post(id);
    const afterTimeout = await h.ports.socialIntents.get(id, "bluesky", "news.example");
    await runToQuiet(h);

    // Assess
    expect(afterTimeout).toMatchObject({ status: "unknown", error: timeout.message, unresolved: 1 });
    expect(h.socialQueue.sent.at(-1)?.delaySeconds).toBe(unresolvedBackoffMs(1) / 1000);
    expect(bluesky.calls.publish).toHaveLength(1);
    expect(bluesky.calls.lookup).toHaveLength(1);
    expect(await h.ports.socialIntents.get(id, "bluesky", "news.example")).toMatchObject({
      status: "posted",
      url: found.url,
      attempts: 1,
    });
  });

  it("a lookup that finds nothing leads to exactly one more publish", async () => {
    // Prepare
    const x = scriptedAdapter("x", "@news", { publish: [timeout], lookup: [{ kind: "absent" }] });

    // Act
    const { h, id } = await settled(x.adapter);

    // Assess
    expect(x.calls.lookup).toHaveLength(1);
    expect(x.calls.publish).toHaveLength(2);
    expect(x.calls.publish[1]?.idempotencyKey).toBe(x.calls.publish[0]?.idempotencyKey);
    expect(await h.ports.socialIntents.get(id, "x", "@news")).toMatchObject({
      status: "posted",
      attempts: 2,
    });
  });

  it("never publishes again while lookups stay unknown, and stops for a person after the cap", async () => {
    // Prepare
    const lookups = Array.from({ length: 20 }, () => timeout);
    const linkedin = scriptedAdapter("linkedin", "urn:li:organization:1", {
      publish: [timeout],
      lookup: lookups,
    });

    // Act
    const { h, id } = await settled(linkedin.adapter);

    // Assess
    expect(linkedin.calls.publish).toHaveLength(1);
    expect(linkedin.calls.lookup).toHaveLength(MAX_UNRESOLVED - 1);
    const delays = h.socialQueue.sent.filter((m) => m.delaySeconds > 0).map((m) => m.delaySeconds);
    expect(delays).toEqual([60, 120, 240, 480, 900, 60]); // the 16-minute wait goes in two steps
    expect(h.socialQueue.messages).toEqual([]);
    const intent = await h.ports.socialIntents.get(id, "linkedin", "urn:li:organization:1");
    expect(intent).toMatchObject({ status: "unknown", unresolved: MAX_UNRESOLVED });
    expect(intent?.message).toMatch(/a person must check/);
  });

  it("on an idempotent network (Mastodon) publishes again with the same key instead of looking up", async () => {
    // Prepare
    const mastodon = scriptedAdapter("mastodon", "@news@social.example", {
      idempotent: true,
      publish: [timeout],
    });

    // Act
    await settled(mastodon.adapter);

    // Assess
    expect(mastodon.calls.lookup).toHaveLength(0);
    expect(mastodon.calls.publish).toHaveLength(2);
    expect(mastodon.calls.publish[1]?.idempotencyKey).toBe(mastodon.calls.publish[0]?.idempotencyKey);
  });

  it("a worker that died mid-call (claim left attempting) is resolved by a lookup once its lease ends", async () => {
    // Prepare: fan out, then a worker claims the post and dies before recording anything.
    const telegram = scriptedAdapter("telegram", "-100200300", { lookup: [found] });
    const { h, id } = await withEdition(telegram.adapter);
    await h.ports.socialQueue.send([{ editionId: id }]);
    h.socialQueue.messages.length = 0;
    await h.ports.socialIntents.create({
      editionId: id,
      network: "telegram",
      account: "-100200300",
      status: "pending",
      attempts: 0,
      unresolved: 0,
      errors: [],
      createdAt: h.now().toISOString(),
      updatedAt: h.now().toISOString(),
      version: 0,
    });
    const intent = (await h.ports.socialIntents.get(id, "telegram", "-100200300")) as SocialIntent;
    const leaseMs = h.ports.config.socialLeaseSeconds * 1000;
    await h.ports.socialIntents.update(intent, claimed(intent, "publish", h.now(), leaseMs));

    // Act: SQS delivers the message again.
    await h.ports.socialQueue.send([{ editionId: id, network: "telegram", account: "-100200300" }]);
    await h.runDue();
    const whileLeased = telegram.calls.lookup.length + telegram.calls.publish.length;
    await runToQuiet(h);

    // Assess
    expect(whileLeased).toBe(0);
    expect(telegram.calls.publish).toHaveLength(0);
    expect(telegram.calls.lookup).toHaveLength(1);
    const resolved = await h.ports.socialIntents.get(id, "telegram", "-100200300");
    expect(resolved).toMatchObject({ status: "posted", url: found.url });
    expect(resolved?.errors.join()).toMatch(/worker stopped during its call/);
  });

  it("an adapter that throws leaves the outcome unknown, and the message carries no URL", async () => {
    // Prepare
    const threads = scriptedAdapter("threads", "newsroom", { publish: ["throw"], lookup: [found] });
    const { h, id } = await withEdition(threads.adapter);

    // Act
    await h.post(id);
    const intent = await h.ports.socialIntents.get(id, "threads", "newsroom");

    // Assess
    expect(intent?.status).toBe("unknown");
    expect(intent?.error).toContain("socket hang up");
    expect(intent?.error).not.toContain("SECRET");
    expect(intent?.error).not.toContain("api.example");
  });
});
