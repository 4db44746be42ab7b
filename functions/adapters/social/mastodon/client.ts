import * as z from "zod";
import { acceptedBody, type Checked } from "../common/accepted-body.js";
import { exchange, type NoAnswer, type WireOptions } from "../common/http-exchange.js";

/** The Mastodon REST calls Herald makes, with the account's bearer token; answers are checked. */

export const Status = z.object({
  id: z.string(),
  uri: z.string(),
  /** The public page; null only for statuses that have none (not public ones). */
  url: z.string().nullish(),
  content: z.string(),
  card: z.object({ url: z.string() }).nullish(),
});
export type Status = z.infer<typeof Status>;

const Count = z.number().int().nonnegative();
/** A status's counts as this server knows them (`quotes_count` only from Mastodon 4.5 on). */
const StatusCounts = z
  .object({
    favourites_count: Count,
    reblogs_count: Count,
    replies_count: Count,
    quotes_count: Count.optional(),
  })
  .transform((s) => ({
    likes: s.favourites_count,
    reposts: s.reblogs_count,
    replies: s.replies_count,
    quotes: s.quotes_count,
  }));

const Account = z.object({ id: z.string(), acct: z.string() });

const Instance = z.object({
  configuration: z.object({
    statuses: z.object({
      max_characters: z.number().int().positive(),
      characters_reserved_per_url: z.number().int().nonnegative(),
    }),
  }),
});

/** An error answer: Mastodon's `{error, error_description?}`, or the bare status from a gateway. */
export interface MastodonError {
  kind: "error";
  call: string;
  status: number;
  message: string;
  headers: Headers;
}
export type ApiFailure = MastodonError | NoAnswer;
export type Api<T> = Checked<T, ApiFailure>;

const ErrorBody = z.object({ error: z.string().optional(), error_description: z.string().optional() });

/** Statuses per page of an account's timeline: Mastodon's maximum. */
export const STATUSES_PER_PAGE = 40;

/**
 * @example
 * const client = mastodonClient("https://mastodon.social", token, { fetch, timeoutMs: 10_000 });
 * const posted = await client.postStatus("Storm closes the bridge\n\nhttps://…", "ed_1:mastodon");
 */
export function mastodonClient(apiUrl: string, accessToken: string, wire: WireOptions) {
  async function call<T>(
    method: "GET" | "POST",
    path: string,
    schema: z.ZodType<T>,
    extra: { headers?: Record<string, string>; json?: unknown } = {},
  ): Promise<Api<T>> {
    const headers: Record<string, string> = {
      accept: "application/json",
      authorization: `Bearer ${accessToken}`,
      ...extra.headers,
    };
    if (extra.json !== undefined) headers["content-type"] = "application/json";
    const body = extra.json === undefined ? undefined : JSON.stringify(extra.json);
    const what = `${method} ${path.split("?")[0]}`;
    const result = await exchange(wire, { call: what, method, url: `${apiUrl}${path}`, headers, body });
    if (result.kind !== "answer") return { ok: false, failure: result };
    const accepted = acceptedBody(result, schema, what);
    if (accepted) return accepted;
    const { status, headers: answered, body: answer } = result;
    const named = ErrorBody.safeParse(answer);
    const said = named.success ? (named.data.error_description ?? named.data.error) : undefined;
    const message = said ?? `HTTP ${status}`;
    return { ok: false, failure: { kind: "error", call: what, status, message, headers: answered } };
  }

  return {
    /** Mastodon keeps `Idempotency-Key` for an hour per account and answers a replay with the first status. */
    postStatus: (status: string, idempotencyKey: string) =>
      call("POST", "/api/v1/statuses", Status, {
        headers: { "idempotency-key": idempotencyKey },
        json: { status, visibility: "public" },
      }),
    statusCounts: (id: string) => call("GET", `/api/v1/statuses/${encodeURIComponent(id)}`, StatusCounts),
    verifyCredentials: () => call("GET", "/api/v1/accounts/verify_credentials", Account),
    /** Newest first; `maxId` continues below that status. */
    accountStatuses: (accountId: string, maxId?: string) => {
      const query = new URLSearchParams({ limit: String(STATUSES_PER_PAGE), exclude_reblogs: "true" });
      if (maxId) query.set("max_id", maxId);
      return call(
        "GET",
        `/api/v1/accounts/${encodeURIComponent(accountId)}/statuses?${query}`,
        z.array(Status),
      );
    },
    instanceLimits: () =>
      call(
        "GET",
        "/api/v2/instance",
        Instance.transform((i) => ({
          maxCharacters: i.configuration.statuses.max_characters,
          charactersReservedPerUrl: i.configuration.statuses.characters_reserved_per_url,
        })),
      ),
  };
}
