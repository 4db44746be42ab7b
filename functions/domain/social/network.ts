import * as z from "zod";

/** The networks Herald posts to on the newsroom's behalf ("Spread the News"). */
export const SocialNetwork = z.enum([
  "x",
  "bluesky",
  "mastodon",
  "linkedin",
  "threads",
  "facebook",
  "telegram",
]);
export type SocialNetwork = z.infer<typeof SocialNetwork>;

/**
 * The article URL as the newsroom's own account posts it: `utm_medium=social` tells it apart from
 * reader shares (`share`, in `domain/share.ts`), `utm_source` names the network and `utm_campaign`
 * the edition. Parameters already on the URL are kept; three UTM ones of the same name are replaced.
 *
 * @example
 * socialUrl("https://news.example.org/a?id=7", "bluesky", "ed_abc");
 * // "https://news.example.org/a?id=7&utm_source=bluesky&utm_medium=social&utm_campaign=ed_abc"
 */
export function socialUrl(articleUrl: string, network: SocialNetwork, editionId: string): string {
  const url = new URL(articleUrl);
  url.searchParams.set("utm_source", network);
  url.searchParams.set("utm_medium", "social");
  url.searchParams.set("utm_campaign", editionId);
  return url.toString();
}
