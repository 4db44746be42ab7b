import type { FakePost } from "./bluesky.js";

/** What the AppView counts for a post; the fake's tests set these. */
export interface BlueskyCounts {
  likeCount: number;
  repostCount: number;
  replyCount: number;
  quoteCount: number;
}

/**
 * `app.bsky.feed.getPosts`'s answer for the requested URIs, as the AppView shapes it
 * (`app.bsky.feed.defs#postView`): URIs of posts that do not exist are left out, not errors.
 *
 * @example
 * getPostsAnswer(fake.posts, ["at://did:plc:…/app.bsky.feed.post/3l…"], counts, author);
 * // { posts: [{ uri, cid, author, record, likeCount: 4, … }] }
 */
export function getPostsAnswer(
  posts: FakePost[],
  uris: string[],
  counts: Map<string, BlueskyCounts>,
  author: { did: string; handle: string },
) {
  const zero = { likeCount: 0, repostCount: 0, replyCount: 0, quoteCount: 0 };
  return {
    posts: posts
      .filter((p) => uris.includes(p.uri))
      .map((p) => ({
        uri: p.uri,
        cid: p.cid,
        author: { ...author, displayName: "Herald News", labels: [] },
        record: p.value,
        ...(counts.get(p.uri) ?? zero),
        indexedAt: String(p.value.createdAt ?? new Date().toISOString()),
        viewer: { threadMuted: false, embeddingDisabled: false },
        labels: [],
      })),
  };
}
