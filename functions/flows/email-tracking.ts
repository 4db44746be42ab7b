import type { Config } from "../domain/config.js";
import type { RenderedEdition } from "../domain/rendered.js";
import type { TokenKeys } from "../domain/tokens.js";
import { tracksClicks, tracksOpens } from "../domain/tracking/mode.js";
import { issueEmailTrackToken } from "../domain/tracking/track-token.js";
import { TRACK_PLACEHOLDER, type TrackedHtml, trackedHtml } from "../domain/tracking/tracked-html.js";

const tracked = new WeakMap<RenderedEdition, Map<string, TrackedHtml>>();

/** The tracked HTML of a render, made once per render (a chunk's recipients share it). */
function trackedOnce(config: Pick<Config, "publicUrl" | "tracking">, rendered: RenderedEdition): TrackedHtml {
  const key = `${config.tracking} ${config.publicUrl}`;
  let byConfig = tracked.get(rendered);
  if (!byConfig) {
    byConfig = new Map();
    tracked.set(rendered, byConfig);
  }
  let result = byConfig.get(key);
  if (!result) {
    result = trackedHtml(rendered.html, config.publicUrl, {
      clicks: tracksClicks(config.tracking),
      opens: tracksOpens(config.tracking),
    });
    byConfig.set(key, result);
  }
  return result;
}

/**
 * Tracking for the emails of one chunk: the HTML every recipient shares (links pointing at Herald's
 * redirect through a placeholder, the pixel) and each recipient's signed token for it. With
 * `HERALD_TRACKING=off` the HTML is the render's, untouched, and nobody gets a token.
 *
 * @example
 * const tracking = emailTracking(ports.config, keys, { target: editionId, variant: "" }, rendered);
 * entries.push({ to, data: { ...links, ...tracking.data(subscriber.id, nowSeconds) }, headers });
 */
export function emailTracking(
  config: Pick<Config, "publicUrl" | "tracking">,
  keys: TokenKeys,
  email: { target: string; variant: string },
  rendered: RenderedEdition,
) {
  const { html, links, pixel } = trackedOnce(config, rendered);
  return {
    html,
    data(recipient: string, sentAt: number): Record<string, string> {
      if (links === 0 && !pixel) return {};
      return { [TRACK_PLACEHOLDER]: issueEmailTrackToken(keys, { ...email, recipient, sentAt }) };
    },
  };
}
