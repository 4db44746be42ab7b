import type { SocialAdapter } from "../../../flows/ports/social.js";
import type { AdapterOptions } from "../common/adapter-options.js";
import { asLookupOutcome } from "../common/call-outcomes.js";
import { engagementAfterFailure } from "../common/engagement-answers.js";
import { wireOptions } from "../common/http-exchange.js";
import { retriedOnce } from "../common/retried-once.js";
import { blueskyClient, isTransient } from "./client.js";
import { linksTo, POST_COLLECTION, postRecord, postUrl } from "./post-record.js";
import { blueskySessions } from "./session.js";
import type { BlueskySettings } from "./settings.js";

export type BlueskyAdapterOptions = AdapterOptions<BlueskySettings>;

/**
 * Pages of 100 records a lookup reads before concluding `absent`. A lookup follows an unknown
 * publish within minutes, and the listing is newest first: 300 newer posts cannot have appeared.
 */
const LOOKUP_PAGES = 3;

/**
 * Posts to Bluesky over XRPC with an app password: uploads the card as a blob, then creates an
 * `app.bsky.feed.post` record with the composed text, facets and link card. createRecord gets a
 * TID record key from the PDS: a deterministic key with putRecord would make retries idempotent, but
 * creating over an existing key answers 500 today and custom keys on posts have been refused before
 * (see the reference), so an unknown outcome is settled by `lookup`, which lists the account's posts
 * and matches the card's link.
 *
 * `publish` reads the card before sending anything; if that throws, nothing was posted.
 *
 * @example
 * const bluesky = createBlueskyAdapter({ settings, credentials, now: () => new Date() });
 * const outcome = await bluesky.publish({ editionId, post: composePost("bluesky", source), url, card, cardUrl, idempotencyKey });
 * // { kind: "posted", postId: "at://did:plc:…/app.bsky.feed.post/3l…", url: "https://bsky.app/profile/news.example.org/post/3l…" }
 */
export function createBlueskyAdapter(options: BlueskyAdapterOptions): SocialAdapter<"bluesky"> {
  const { settings, credentials, now } = options;
  const client = blueskyClient(settings.apiUrl, wireOptions(options));
  const account = settings.identifier;
  const sessions = blueskySessions({
    client,
    credentials,
    account,
    identifier: settings.identifier,
    appPassword: settings.appPassword,
    now,
  });

  return {
    network: "bluesky",
    account,
    idempotent: false,

    async publish(request) {
      const card = await request.card();
      // An upload cannot create a post, so one more try after a 5xx or no answer costs only time.
      const thumb = await sessions.run((s) =>
        retriedOnce(
          () => client.uploadBlob(s.accessJwt, card, "image/png"),
          (uploaded) => !uploaded.ok && isTransient(uploaded.failure),
        ),
      );
      if (!thumb.ok) return thumb.outcome;
      const record = postRecord(request.post, thumb.value, now());
      // Never tried twice here: after no answer the post may exist, and only a lookup can tell.
      const created = await sessions.run((s) =>
        client.createRecord(s.accessJwt, s.did, POST_COLLECTION, record),
      );
      if (!created.ok) return created.outcome;
      const { uri } = created.value;
      return { kind: "posted", postId: uri, url: postUrl(created.session.handle, uri) };
    },

    async lookup(request) {
      let cursor: string | undefined;
      for (let page = 0; page < LOOKUP_PAGES; page++) {
        const listed = await sessions.run((s) =>
          client.listRecords(s.accessJwt, s.did, POST_COLLECTION, cursor),
        );
        if (!listed.ok) return asLookupOutcome(listed.outcome);
        const { records, cursor: next } = listed.value;
        const hit = records.find((r) => linksTo(r.value, request.url));
        if (hit) return { kind: "found", postId: hit.uri, url: postUrl(listed.session.handle, hit.uri) };
        if (!next || records.length === 0) break;
        cursor = next;
      }
      return { kind: "absent" };
    },

    /** `app.bsky.feed.getPosts` through the PDS: likes, reposts, replies and quotes as the AppView counts them. */
    async readEngagement(post) {
      const read = await sessions.run((s) => client.getPost(s.accessJwt, post.postId));
      if (!read.ok) return engagementAfterFailure(read.outcome);
      const view = read.value.posts.find((p) => p.uri === post.postId);
      if (!view)
        return { kind: "failed", message: "Bluesky shows no such post (deleted?)", retryable: false };
      const { likeCount: likes, repostCount: reposts, replyCount: replies, quoteCount: quotes } = view;
      return { kind: "read", counts: { likes, reposts, replies, quotes } };
    },
  };
}
