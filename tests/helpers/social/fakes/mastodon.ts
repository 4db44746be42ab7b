import type { ServerResponse } from "node:http";
import { mastodonCount } from "../../../fixtures/social/posts.js";
import { json, jsonBody, type Loopback, type SeenRequest, startLoopback } from "../loopback.js";
import { untilClientLeaves } from "./hang.js";

/**
 * A Mastodon instance on loopback for the calls Herald makes: statuses with `Idempotency-Key`
 * (a replay answers the first status, creating nothing), the length check of StatusLengthValidator
 * (graphemes, every URL counting `charactersReservedPerUrl`), `/api/v2/instance` with this instance's
 * limits, and the account's timeline. Errors are Mastodon's `{"error": "…"}`.
 */

export type MastodonFault =
  | "rate_limit"
  | "created_then_5xx"
  | "timeout"
  | "revoked_token"
  | "server_error"
  | "malformed";

export interface FakeStatus {
  id: string;
  uri: string;
  url: string;
  content: string;
  text: string;
  visibility: string;
  created_at: string;
}

export interface MastodonFake extends Loopback {
  token: string;
  limits: { maxCharacters: number; charactersReservedPerUrl: number };
  statuses: FakeStatus[];
  /** Favourites, reblogs and replies per status id (0 unless set). */
  engagement: Map<string, { favourites: number; reblogs: number; replies: number }>;
  /** What a 429 carries in `X-RateLimit-Reset`. */
  rateLimitReset: Date;
  /** Faults meet the next request to `path` (default: posting a status). */
  failNext(fault: MastodonFault, path?: string): void;
}

const ACCOUNT = { id: "109876543210", username: "herald", acct: "herald" };

// Rails' `h`: the five characters HTML needs escaped.
const railsEscape = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

/** Plain text as Mastodon renders it: paragraphs, line breaks, and links with their escaped `href`. */
function render(text: string): string {
  const linked = railsEscape(text).replace(
    /https?:\/\/[^\s<]+/g,
    (url) => `<a href="${url}" target="_blank" rel="nofollow noopener" translate="no">${url}</a>`,
  );
  return linked
    .split("\n\n")
    .map((p) => `<p>${p.replace(/\n/g, "<br />")}</p>`)
    .join("");
}

/**
 * @example
 * const fake = await startMastodonFake();     // the instance allows 1,000 characters
 * fake.failNext("rate_limit");                // the next POST /api/v1/statuses answers 429
 * fake.statuses;
 */
export async function startMastodonFake(
  limits = { maxCharacters: 1000, charactersReservedPerUrl: 23 },
): Promise<MastodonFake> {
  const faults: Array<{ fault: MastodonFault; path: string }> = [];
  const byKey = new Map<string, FakeStatus>();
  let revoked = false;
  let nextId = 113_000_000_000_000_000n;

  const authorized = (req: SeenRequest, res: ServerResponse) => {
    if (!revoked && req.headers.authorization === `Bearer ${fake.token}`) return true;
    json(res, 401, { error: "The access token is invalid" });
    return false;
  };

  async function postStatus(req: SeenRequest, res: ServerResponse, fault?: MastodonFault) {
    if (!authorized(req, res)) return;
    const key = req.headers["idempotency-key"];
    const replayed = typeof key === "string" ? byKey.get(key) : undefined;
    if (replayed) return json(res, 200, replayed);
    const { status, visibility = "public" } = (jsonBody(req) ?? {}) as Record<string, unknown>;
    if (typeof status !== "string" || status.trim() === "")
      return json(res, 422, { error: "Validation failed: Text can't be blank" });
    if (mastodonCount(status, fake.limits.charactersReservedPerUrl) > fake.limits.maxCharacters)
      return json(res, 422, {
        error: `Validation failed: Text character limit of ${fake.limits.maxCharacters} exceeded`,
      });
    if (!["public", "unlisted", "private", "direct"].includes(String(visibility)))
      return json(res, 422, { error: "Validation failed: Visibility is not included in the list" });
    const id = String(nextId++);
    const created: FakeStatus = {
      id,
      uri: `${fake.url}/users/herald/statuses/${id}`,
      url: `${fake.url}/@herald/${id}`,
      content: render(status),
      text: status,
      visibility: String(visibility),
      created_at: new Date().toISOString(),
    };
    fake.statuses.push(created);
    // Like PostStatusService: the key is stored once the status exists, whatever happens to the answer.
    if (typeof key === "string") byKey.set(key, created);
    if (fault === "created_then_5xx") return json(res, 503, { error: "Service Unavailable" });
    if (fault === "timeout") return untilClientLeaves(res);
    json(res, 200, { ...created, account: ACCOUNT, card: null, media_attachments: [] });
  }

  function timeline(req: SeenRequest, res: ServerResponse) {
    const limit = Math.min(Number(req.query.get("limit") ?? 20), 40);
    const maxId = req.query.get("max_id");
    const older = [...fake.statuses].reverse().filter((s) => !maxId || BigInt(s.id) < BigInt(maxId));
    json(
      res,
      200,
      older.slice(0, limit).map((s) => ({ ...s, account: ACCOUNT, card: null })),
    );
  }

  const server = await startLoopback(async (req, res) => {
    const at = faults.findIndex((f) => f.path === req.path);
    const fault = at >= 0 ? faults.splice(at, 1)[0]?.fault : undefined;
    if (fault === "revoked_token") revoked = true;
    if (fault === "rate_limit") {
      const reset = fake.rateLimitReset.toISOString().replace("Z", "000Z");
      const headers = {
        "X-RateLimit-Limit": "300",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": reset,
      };
      return json(res, 429, { error: "Too many requests" }, headers);
    }
    if (fault === "server_error") return json(res, 503, { error: "Service Unavailable" });
    const route = `${req.method} ${req.path}`;
    if (route === "POST /api/v1/statuses") return postStatus(req, res, fault);
    if (route === "GET /api/v2/instance")
      return json(res, 200, {
        domain: new URL(fake.url).host,
        title: "Herald test instance",
        version: "4.3.0",
        configuration: {
          statuses: {
            max_characters: fake.limits.maxCharacters,
            max_media_attachments: 4,
            characters_reserved_per_url: fake.limits.charactersReservedPerUrl,
          },
        },
      });
    if (route === "GET /api/v1/accounts/verify_credentials") {
      if (authorized(req, res)) json(res, 200, { ...ACCOUNT, url: `${fake.url}/@herald` });
      return;
    }
    if (route === `GET /api/v1/accounts/${ACCOUNT.id}/statuses`) return timeline(req, res);
    const shown = fake.statuses.find((s) => route === `GET /api/v1/statuses/${s.id}`);
    if (shown && authorized(req, res)) {
      const { favourites = 0, reblogs = 0, replies = 0 } = fake.engagement.get(shown.id) ?? {};
      const counts = { favourites_count: favourites, reblogs_count: reblogs, replies_count: replies };
      if (fault === "malformed") return json(res, 200, { ...shown, favourites_count: "many" });
      return json(res, 200, { ...shown, account: ACCOUNT, card: null, ...counts });
    }
    if (shown) return;
    json(res, 404, { error: "Record not found" });
  });

  const fake: MastodonFake = {
    ...server,
    token: "mastodon-user-token-Zq8wPz",
    limits,
    statuses: [],
    engagement: new Map(),
    rateLimitReset: new Date(Math.ceil(Date.now() / 60_000 + 5) * 60_000),
    failNext: (fault, path = "/api/v1/statuses") => void faults.push({ fault, path }),
  };
  return fake;
}
