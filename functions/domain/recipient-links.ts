import { BriefingId } from "./briefing/schedule.js";
import type { Config } from "./config.js";
import { EditionId } from "./edition.js";
import { issueToken, type TokenKeys } from "./tokens.js";

/**
 * The links and headers that make one email this recipient's: a one-click unsubscribe URL (RFC 8058)
 * and a preference-center URL, each with a signed token naming the subscriber and its purpose.
 * Unsubscribe and preference tokens never expire: CAN-SPAM wants opt-out to work long after sending.
 * `email` (the edition or briefing sent) rides along as `e=`, so an unsubscribe is attributed to it.
 */
export function recipientLinks(
  config: Pick<Config, "publicUrl">,
  keys: TokenKeys,
  subscriberId: string,
  nowSeconds: number,
  email?: string,
) {
  const unsubscribe = issueToken(keys, "unsubscribe", subscriberId, 0, nowSeconds);
  const preferences = issueToken(keys, "preferences", subscriberId, 0, nowSeconds);
  const from = email ? `&e=${encodeURIComponent(email)}` : "";
  return {
    unsubscribeUrl: `${config.publicUrl}/v1/unsubscribe?token=${unsubscribe}${from}`,
    preferencesUrl: `${config.publicUrl}/v1/preferences?token=${preferences}${from}`,
  };
}

/**
 * The list headers of a subscription email, in the order AWS recommends (List-Unsubscribe before
 * List-Unsubscribe-Post). Unfolded single lines: folding broke DKIM in some signers.
 */
export function listHeaders(config: Pick<Config, "brand">, unsubscribeUrl: string) {
  return [
    { name: "List-Unsubscribe", value: `<${unsubscribeUrl}>` },
    { name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click" },
    { name: "List-Id", value: `${config.brand.name.replace(/[<>"\r\n]/g, "")} <${config.brand.listId}>` },
  ];
}

/**
 * The email an unsubscribe or preferences link names (`e=`), when it is an edition or briefing id;
 * anything else is ignored (the unsubscribe still works, unattributed).
 *
 * @example
 * sentEmailOf(c.req.query("e")); // "ed_…" or undefined
 */
export const sentEmailOf = (e: string | undefined) =>
  EditionId.safeParse(e).success || BriefingId.safeParse(e).success ? e : undefined;
