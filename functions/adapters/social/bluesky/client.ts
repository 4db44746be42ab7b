import * as z from "zod";
import { acceptedBody, type Checked } from "../common/accepted-body.js";
import { exchange, type NoAnswer, type WireOptions, type WireRequest } from "../common/http-exchange.js";

/**
 * The XRPC calls Herald makes to a PDS, as plain HTTP/JSON (`/xrpc/<nsid>`), so that base URL,
 * timeouts and error mapping stay in Herald's hands. Answers are checked; nothing here decides what
 * an answer means for a post (that is `outcomes.ts`).
 */

export const Session = z.object({
  accessJwt: z.string().min(1),
  refreshJwt: z.string().min(1),
  did: z.string().startsWith("did:"),
  handle: z.string().min(1),
});
export type Session = z.infer<typeof Session>;

/** A blob reference in its JSON form, passed back into the record exactly as the PDS returned it. */
const BlobRef = z.looseObject({
  $type: z.literal("blob"),
  ref: z.object({ $link: z.string().min(1) }),
  mimeType: z.string(),
  size: z.number(),
});
export type BlobRef = z.infer<typeof BlobRef>;

const Created = z.object({ uri: z.string().startsWith("at://"), cid: z.string() });
const RecordList = z.object({
  cursor: z.string().optional(),
  records: z.array(z.object({ uri: z.string(), cid: z.string(), value: z.unknown() })),
});
const Count = z.number().int().nonnegative().optional();
/** `app.bsky.feed.getPosts`: the AppView's view of each post, with its counts. */
const PostViews = z.object({
  posts: z.array(
    z.object({ uri: z.string(), likeCount: Count, repostCount: Count, replyCount: Count, quoteCount: Count }),
  ),
});

/** An error answer: XRPC's `{error, message}`, or the bare status when a gateway sent HTML. */
export interface XrpcError {
  kind: "error";
  /** The NSID of the call that was refused. */
  call: string;
  status: number;
  error: string;
  message: string;
  headers: Headers;
}
export type XrpcFailure = XrpcError | NoAnswer;
export type Xrpc<T> = Checked<T, XrpcFailure>;

/** Worth one more try of a call that cannot create a post: a 5xx, or no answer at all. */
export function isTransient(failure: XrpcFailure): boolean {
  return failure.kind !== "error" || failure.status >= 500;
}

const ErrorBody = z.object({ error: z.string().optional(), message: z.string().optional() });

interface CallInit {
  method: "GET" | "POST";
  token?: string;
  query?: Record<string, string>;
  json?: unknown;
  bytes?: { data: Uint8Array; mimeType: string };
}

export type BlueskyClient = ReturnType<typeof blueskyClient>;

/**
 * @example
 * const client = blueskyClient("https://bsky.social", { fetch, timeoutMs: 10_000 });
 * const session = await client.createSession("news.example.org", appPassword);
 * if (session.ok) await client.createRecord(session.value.accessJwt, session.value.did, record);
 */
export function blueskyClient(apiUrl: string, wire: WireOptions) {
  async function call<T>(nsid: string, schema: z.ZodType<T>, init: CallInit): Promise<Xrpc<T>> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: WireRequest["body"];
    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.bytes) {
      headers["content-type"] = init.bytes.mimeType;
      body = init.bytes.data;
    }
    const query = init.query ? `?${new URLSearchParams(init.query)}` : "";
    const url = `${apiUrl}/xrpc/${nsid}${query}`;
    const result = await exchange(wire, { call: nsid, method: init.method, url, headers, body });
    if (result.kind !== "answer") return { ok: false, failure: result };
    const accepted = acceptedBody(result, schema, nsid);
    if (accepted) return accepted;
    const { status, headers: answered, body: answer } = result;
    const named = ErrorBody.safeParse(answer);
    const error = (named.success && named.data.error) || `HTTP ${status}`;
    const message = (named.success && named.data.message) || "";
    return { ok: false, failure: { kind: "error", call: nsid, status, error, message, headers: answered } };
  }

  return {
    createSession: (identifier: string, password: string) =>
      call("com.atproto.server.createSession", Session, { method: "POST", json: { identifier, password } }),
    /** The refresh JWT is the bearer here; the answer carries a new pair (the old refresh JWT is spent). */
    refreshSession: (refreshJwt: string) =>
      call("com.atproto.server.refreshSession", Session, { method: "POST", token: refreshJwt }),
    uploadBlob: (accessJwt: string, data: Uint8Array, mimeType: string) =>
      call(
        "com.atproto.repo.uploadBlob",
        z.object({ blob: BlobRef }).transform((a) => a.blob),
        { method: "POST", token: accessJwt, bytes: { data, mimeType } },
      ),
    createRecord: (accessJwt: string, repo: string, collection: string, record: unknown) =>
      call("com.atproto.repo.createRecord", Created, {
        method: "POST",
        token: accessJwt,
        json: { repo, collection, record },
      }),
    /** Posts as the AppView shows them (the PDS proxies the call), counts included; a deleted one is left out. */
    getPost: (accessJwt: string, uri: string) =>
      call("app.bsky.feed.getPosts", PostViews, { method: "GET", token: accessJwt, query: { uris: uri } }),
    /** Newest first; `cursor` continues into older records. */
    listRecords: (accessJwt: string, repo: string, collection: string, cursor?: string) =>
      call("com.atproto.repo.listRecords", RecordList, {
        method: "GET",
        token: accessJwt,
        query: { repo, collection, limit: "100", ...(cursor ? { cursor } : {}) },
      }),
  };
}
