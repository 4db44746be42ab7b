import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keys, PK } from "../../../../functions/adapters/dynamo/keys.js";

const part = fc.stringMatching(/^[A-Za-z0-9_#:.-]{1,30}$/);

describe("table keys", () => {
  it("each parser gives back what its builder was given", () => {
    fc.assert(
      fc.property(part, part, (id, value) => {
        expect(keys.editionIdFrom(keys.chunk(id, value).pk)).toBe(id);
        expect(keys.chunkKeyFrom(keys.chunk(id, value).sk)).toBe(value);
        expect(keys.renderComboFrom(keys.briefingRender(id, value).sk)).toBe(value);
        expect(keys.feedSeenFrom(keys.feedSeen(id, value).sk)).toBe(value);
        expect(keys.suppressedIdFrom(keys.suppression(id).pk)).toBe(id);
      }),
    );
  });

  it("a send-rate item gives back its minute, sharded or not", () => {
    const minute = "2026-12-06T10:15";
    expect(keys.sendRateMinuteFrom(keys.sendRate("ed_x", minute, 3).sk)).toBe(minute);
    expect(keys.sendRateMinuteFrom(keys.sendRate("ed_x", minute).sk)).toBe(minute);
  });

  it("send-counter shards are told apart from the other items beside an edition", () => {
    expect(keys.isSendCounts(keys.sendCounts("ed_x", 5).sk)).toBe(true);
    for (const other of [
      keys.edition("ed_x"),
      keys.editionFeedback("ed_x", 5),
      keys.sendRate("ed_x", "m", 5),
    ]) {
      expect(keys.isSendCounts(other.sk)).toBe(false);
    }
  });

  it("feedback shards are told apart from the other items beside an edition", () => {
    expect(keys.isEditionFeedback(keys.editionFeedback("ed_x", 3).sk)).toBe(true);
    for (const other of [keys.edition("ed_x"), keys.chunk("ed_x", "a#1"), keys.sendRate("ed_x", "m")]) {
      expect(keys.isEditionFeedback(other.sk)).toBe(false);
    }
  });

  it("a day's stats shards sort between the range bounds a read uses", () => {
    const shards = [0, 7].map((n) => keys.statsDay("2026-12-06", n));
    for (const sk of shards) {
      expect(sk > keys.statsDay("2026-12-06", "")).toBe(true);
      expect(sk < keys.statsDay("2026-12-06", "~")).toBe(true);
      expect(sk < keys.statsDay("2026-12-07", "")).toBe(true);
    }
  });

  it("every partition key begins with a known prefix, so the stack's grants can name it", () => {
    const partitions = [
      keys.subscriber("s").pk,
      keys.suppression("s").pk,
      keys.rateLimit("signup", "h", 60).pk,
      keys.rateLimitClaim("signup", "h").pk,
      keys.audience("world", "instant", 0, "s").pk,
      keys.briefingPartition(0),
      keys.edition("e").pk,
      keys.shareMark("m").pk,
      keys.articleLatest("a").pk,
      keys.feedbackMark("m").pk,
      keys.feedState("f").pk,
      keys.feedItemVersion("a").pk,
      keys.socialCredentials("mastodon", "a").pk,
      keys.socialRegistry.pk,
      keys.session("h").pk,
      keys.statsPartition,
      keys.work("fanout", "e").pk,
    ];
    const prefixes = Object.values(PK);
    for (const pk of partitions)
      expect(
        prefixes.some((p) => pk.startsWith(p)),
        pk,
      ).toBe(true);
  });
});
