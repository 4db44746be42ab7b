import * as z from "zod";
import { BlueskyPost, composeBluesky } from "./bluesky.js";
import { composeFacebook, FacebookPost } from "./facebook.js";
import { composeLinkedIn, LinkedInPost } from "./linkedin.js";
import { composeMastodon, MASTODON_DEFAULT_LIMITS, type MastodonLimits, MastodonPost } from "./mastodon.js";
import type { SocialNetwork } from "./network.js";
import { PostSource } from "./source.js";
import { composeTelegram, TelegramPost } from "./telegram.js";
import { composeThreads, ThreadsPost } from "./threads.js";
import { composeX, XPost } from "./x.js";

/** Any composed post; `network` tells which. */
export const SocialPost = z.discriminatedUnion("network", [
  XPost,
  BlueskyPost,
  MastodonPost,
  LinkedInPost,
  ThreadsPost,
  FacebookPost,
  TelegramPost,
]);
export type SocialPost = z.infer<typeof SocialPost>;
export type SocialPostFor<N extends SocialNetwork> = Extract<SocialPost, { network: N }>;

export interface ComposeOptions {
  /** The Mastodon instance's own limits, when read from `GET /api/v2/instance`. */
  mastodon?: MastodonLimits;
  /** X accounts with Premium may post longer text. */
  xMaxWeightedLength?: number;
}

/**
 * The post for one network. The source is validated here, once.
 *
 * @example
 * const post = composePost("bluesky", { editionId, url: article.url, title: article.title,
 *   summary: article.summary, topics: article.topics });
 * post.facets; // link and hashtag facets at UTF-8 byte offsets
 */
export function composePost<N extends SocialNetwork>(
  network: N,
  input: PostSource,
  options: ComposeOptions = {},
): SocialPostFor<N> {
  return composeValid(network, PostSource.parse(input), options);
}

function composeValid<N extends SocialNetwork>(
  network: N,
  source: PostSource,
  options: ComposeOptions,
): SocialPostFor<N> {
  const composers: { [K in SocialNetwork]: () => SocialPostFor<K> } = {
    x: () => composeX(source, options.xMaxWeightedLength),
    bluesky: () => composeBluesky(source),
    mastodon: () => composeMastodon(source, options.mastodon ?? MASTODON_DEFAULT_LIMITS),
    linkedin: () => composeLinkedIn(source),
    threads: () => composeThreads(source),
    facebook: () => composeFacebook(source),
    telegram: () => composeTelegram(source),
  };
  return composers[network]();
}

/**
 * Every network's post for an edition, e.g. for the edition's preview or the benchmark.
 *
 * @example
 * const posts = composeAll({ editionId, url, title, summary, topics });
 * posts.x.text; posts.telegram.caption;
 */
export function composeAll(
  input: PostSource,
  options: ComposeOptions = {},
): { [N in SocialNetwork]: SocialPostFor<N> } {
  const source = PostSource.parse(input);
  return {
    x: composeValid("x", source, options),
    bluesky: composeValid("bluesky", source, options),
    mastodon: composeValid("mastodon", source, options),
    linkedin: composeValid("linkedin", source, options),
    threads: composeValid("threads", source, options),
    facebook: composeValid("facebook", source, options),
    telegram: composeValid("telegram", source, options),
  };
}
