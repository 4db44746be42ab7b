import { exchange, type WireOptions, type WireResult } from "../common/http-exchange.js";
import { refreshGrantResult } from "../common/refresh-grant.js";
import type { TokenSet } from "../common/token-keeper.js";
import type { RefreshResult } from "../common/with-fresh-token.js";
import { linkedinErrorMessage } from "./answers.js";
import type { LinkedInSettings } from "./settings.js";

/** An article share as `POST /rest/posts` takes it. */
export interface LinkedInPostBody {
  author: string;
  commentary: string;
  visibility: "PUBLIC";
  distribution: {
    feedDistribution: "MAIN_FEED";
    targetEntities: [];
    thirdPartyDistributionChannels: [];
  };
  content: { article: { source: string; title: string; description: string; thumbnail?: string } };
  lifecycleState: "PUBLISHED";
  isReshareDisabledByAuthor: false;
}

/** The LinkedIn REST calls Herald makes, with the version and Rest.li headers every one needs. */
export interface LinkedInClient {
  /** `POST /rest/images?action=initializeUpload` → `{ value: { uploadUrl, image } }`. */
  initializeUpload(accessToken: string): Promise<WireResult>;
  /** `PUT` of the image bytes to the `uploadUrl` LinkedIn gave → 201. */
  upload(accessToken: string, uploadUrl: string, bytes: Uint8Array): Promise<WireResult>;
  /** `POST /rest/posts` → 201 with the post URN in `x-restli-id`. */
  createPost(accessToken: string, body: LinkedInPostBody): Promise<WireResult>;
  /** The organization's latest posts (finder `q=author`), newest first. */
  recentPosts(accessToken: string): Promise<WireResult>;
  /** `GET /rest/socialActions/{urn}` → `{ likesSummary, commentsSummary }` (scope `r_organization_social`). */
  socialActions(accessToken: string, urn: string): Promise<WireResult>;
  /** The refresh_token grant at the OAuth host. */
  refresh(tokens: TokenSet): Promise<RefreshResult>;
}

/** How far back a lookup reads. */
const RECENT_POSTS = 20;

/**
 * @example
 * const client = linkedinClient(settings, { fetch, timeoutMs: 10_000 });
 * const init = await client.initializeUpload(token);
 */
export function linkedinClient(settings: LinkedInSettings, wire: WireOptions): LinkedInClient {
  const rest = (token: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    "linkedin-version": settings.version,
    "x-restli-protocol-version": "2.0.0",
    ...extra,
  });
  const json = { "content-type": "application/json" };
  const api = `${settings.apiUrl}/rest`;
  return {
    initializeUpload: (token) =>
      exchange(wire, {
        call: "POST /rest/images?action=initializeUpload",
        method: "POST",
        url: `${api}/images?action=initializeUpload`,
        headers: rest(token, json),
        body: JSON.stringify({ initializeUploadRequest: { owner: settings.organization } }),
      }),
    upload: (token, uploadUrl, bytes) =>
      exchange(wire, {
        // The upload URL is LinkedIn's own, possibly signed: never named.
        call: "PUT image upload",
        method: "PUT",
        url: uploadUrl,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
        body: bytes,
      }),
    createPost: (token, body) =>
      exchange(wire, {
        call: "POST /rest/posts",
        method: "POST",
        url: `${api}/posts`,
        headers: rest(token, json),
        body: JSON.stringify(body),
      }),
    recentPosts(token) {
      // Rest.li 2.0 takes the URN percent-encoded, which URLSearchParams does.
      const query = new URLSearchParams({
        author: settings.organization,
        q: "author",
        count: String(RECENT_POSTS),
        sortBy: "LAST_MODIFIED",
      });
      return exchange(wire, {
        call: "GET /rest/posts?q=author",
        url: `${api}/posts?${query}`,
        headers: rest(token, { "x-restli-method": "FINDER" }),
      });
    },
    socialActions: (token, urn) =>
      exchange(wire, {
        call: "GET /rest/socialActions/{urn}",
        url: `${api}/socialActions/${encodeURIComponent(urn)}`,
        headers: rest(token),
      }),
    async refresh(tokens) {
      if (!tokens.refreshToken || !settings.clientId || !settings.clientSecret) {
        return { kind: "refused", message: "no refresh token" };
      }
      const body = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: tokens.refreshToken,
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
      });
      const answer = await exchange(wire, {
        call: "POST /oauth/v2/accessToken",
        method: "POST",
        url: settings.oauthUrl,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      return refreshGrantResult(answer, tokens, linkedinErrorMessage);
    },
  };
}
