import type { BlueskyPost } from "../../../domain/social/bluesky.js";
import type { BlobRef } from "./client.js";

export const POST_COLLECTION = "app.bsky.feed.post";

/**
 * The `app.bsky.feed.post` record for a composed post: its text and facets as composed, and the link
 * card as an `app.bsky.embed.external` with the uploaded card as thumb (Bluesky fetches no cards).
 *
 * @example
 * postRecord(post, blob, new Date()); // { $type: "app.bsky.feed.post", text, facets, createdAt, embed: { … } }
 */
export function postRecord(post: BlueskyPost, thumb: BlobRef, createdAt: Date) {
  return {
    $type: POST_COLLECTION,
    text: post.text,
    facets: post.facets,
    createdAt: createdAt.toISOString(),
    embed: { $type: "app.bsky.embed.external", external: { ...post.external, thumb } },
  };
}

/**
 * The post's page on bsky.app: the record key is the last segment of its `at://` URI.
 *
 * @example
 * postUrl("news.example.org", "at://did:plc:abc/app.bsky.feed.post/3lbx2"); // "https://bsky.app/profile/news.example.org/post/3lbx2"
 */
export function postUrl(handle: string, uri: string): string {
  const rkey = uri.split("/").pop() ?? "";
  return `https://bsky.app/profile/${handle}/post/${rkey}`;
}

/** Whether a listed record is a post whose link card points at `url`. */
export function linksTo(record: unknown, url: string): boolean {
  const embed = (record as { embed?: { external?: { uri?: unknown } } } | null)?.embed;
  return embed?.external?.uri === url;
}
