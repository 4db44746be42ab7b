/**
 * The "Spread the News" networks readers can share an article to, in the order they see them, and
 * where each one's share page is. Pure: the API redirects to these, the renderer links to the API.
 */
export const SHARE_NETWORKS = [
  { id: "x", label: "X" },
  { id: "bluesky", label: "Bluesky" },
  { id: "facebook", label: "Facebook" },
  { id: "linkedin", label: "LinkedIn" },
  { id: "whatsapp", label: "WhatsApp" },
  { id: "telegram", label: "Telegram" },
  { id: "reddit", label: "Reddit" },
  { id: "email", label: "Email" },
] as const;

export type ShareNetwork = (typeof SHARE_NETWORKS)[number]["id"];

export function isShareNetwork(value: string): value is ShareNetwork {
  return SHARE_NETWORKS.some((n) => n.id === value);
}

/**
 * The article URL as a reader shares it: tagged so the newsroom's analytics can tell shares from
 * its own posts (`utm_medium=share`, versus `social` for the newsroom's accounts).
 */
export function taggedArticleUrl(articleUrl: string, network: ShareNetwork, editionId: string): string {
  const url = new URL(articleUrl);
  url.searchParams.set("utm_source", network);
  url.searchParams.set("utm_medium", "share");
  url.searchParams.set("utm_campaign", editionId);
  return url.toString();
}

/**
 * The network's own share page, prefilled with the title and the tagged URL.
 *
 * @example
 * shareTarget("x", "https://news.example/a", "Title", "ed_…");
 * // "https://x.com/intent/post?text=Title&url=https%3A%2F%2Fnews.example%2Fa%3Futm_source%3Dx…"
 */
export function shareTarget(
  network: ShareNetwork,
  articleUrl: string,
  title: string,
  editionId: string,
): string {
  const url = taggedArticleUrl(articleUrl, network, editionId);
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  switch (network) {
    case "x":
      return `https://x.com/intent/post?${q({ text: title, url })}`;
    case "bluesky":
      return `https://bsky.app/intent/compose?${q({ text: `${title} ${url}` })}`;
    case "facebook":
      return `https://www.facebook.com/sharer/sharer.php?${q({ u: url })}`;
    case "linkedin":
      return `https://www.linkedin.com/sharing/share-offsite/?${q({ url })}`;
    case "whatsapp":
      return `https://wa.me/?${q({ text: `${title} ${url}` })}`;
    case "telegram":
      return `https://t.me/share/url?${q({ url, text: title })}`;
    case "reddit":
      return `https://www.reddit.com/submit?${q({ url, title })}`;
    case "email":
      // mailto wants %20, not +, for spaces.
      return `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`;
  }
}
