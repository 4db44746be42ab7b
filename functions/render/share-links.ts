import { SHARE_NETWORKS, type ShareNetwork } from "../domain/share.js";
import { escapeHtml } from "../domain/text.js";
import { inertUrl } from "./urls.js";

export interface ShareLink {
  network: ShareNetwork;
  label: string;
  url: string;
}

/**
 * The share row's links point at Herald's own `GET /v1/share/{editionId}/{network}`, which counts
 * the share and redirects to the network.
 *
 * @example
 * shareLinks("https://herald.example", "ed_abc")[0];
 * // { network: "x", label: "X", url: "https://herald.example/v1/share/ed_abc/x" }
 */
export function shareLinks(publicUrl: string, editionId: string): ShareLink[] {
  const base = inertUrl(`${publicUrl.replace(/\/+$/, "")}/v1/share/${encodeURIComponent(editionId)}`);
  return SHARE_NETWORKS.map(({ id, label }) => ({ network: id, label, url: `${base}/${id}` }));
}

/** The share row as email-safe HTML: plain text links, no third-party icon hosting. */
export function shareLinksHtml(links: readonly ShareLink[], color: string): string {
  return links
    .map(
      ({ label, url }) =>
        `<a href="${escapeHtml(url)}" style="color:${escapeHtml(color)};text-decoration:underline;">${escapeHtml(label)}</a>`,
    )
    .join(" &middot; ");
}
