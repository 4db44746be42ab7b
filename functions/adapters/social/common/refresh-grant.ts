import type { HttpAnswer, WireResult } from "./http-exchange.js";
import { textField } from "./json-fields.js";
import type { TokenSet } from "./token-keeper.js";
import type { RefreshResult } from "./with-fresh-token.js";

/**
 * A token endpoint's answer to an OAuth 2.0 `refresh_token` grant (RFC 6749, section 6): the new
 * tokens, keeping the old refresh token when no new one is issued; a 429 or 5xx as no answer (try
 * again later, the refresh token is not spent); anything else as the network's refusal, in
 * `errorMessage`'s words.
 *
 * @example
 * const answer = await exchange(wire, { call: "POST /2/oauth2/token", method: "POST", url, headers, body });
 * return refreshGrantResult(answer, tokens, xErrorMessage); // { kind: "refreshed", tokens: { accessToken, refreshToken } }
 */
export function refreshGrantResult(
  result: WireResult,
  previous: TokenSet,
  errorMessage: (answer: HttpAnswer) => string,
): RefreshResult {
  if (result.kind !== "answer") return { kind: "no_answer", message: result.message };
  const accessToken = textField(result.body, "access_token");
  if (result.status === 200 && accessToken) {
    const refreshToken = textField(result.body, "refresh_token") ?? previous.refreshToken;
    return { kind: "refreshed", tokens: { accessToken, refreshToken } };
  }
  if (result.status === 429 || result.status >= 500) {
    return { kind: "no_answer", message: `HTTP ${result.status}` };
  }
  return { kind: "refused", message: errorMessage(result) };
}
