import { createHash, randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { json, jsonBody, type Loopback, type SeenRequest, startLoopback } from "../loopback.js";
import { type BlueskyCounts, getPostsAnswer } from "./bluesky-feed.js";
import { recordProblem, type StoredBlob } from "./bluesky-record.js";
import { untilClientLeaves } from "./hang.js";

/**
 * A PDS on loopback for the XRPC calls Herald makes: app-password sessions with rotating refresh
 * tokens, blob upload, post creation with lexicon-style validation, and listing. Error bodies are
 * XRPC's `{error, message}` with the PDS's statuses (an expired access token is 400 ExpiredToken).
 */

/** Faults the next matching call meets; `expired_token` expires every access token issued so far. */
export type BlueskyFault = "rate_limit" | "created_then_5xx" | "timeout" | "expired_token" | "server_error";
export type SignInRefusal = "AuthenticationRequired" | "AuthFactorTokenRequired" | "AccountTakedown";

export interface FakePost {
  uri: string;
  cid: string;
  rkey: string;
  value: Record<string, unknown>;
}

export interface BlueskyFake extends Loopback {
  handle: string;
  did: string;
  password: string;
  posts: FakePost[];
  blobs: Map<string, StoredBlob & { bytes: Buffer }>;
  counts: { createSession: number; refreshSession: number };
  /** Likes, reposts, replies and quotes the AppView shows per post URI (0 unless set). */
  engagement: Map<string, BlueskyCounts>;
  /** What a 429 carries in `RateLimit-Reset`, whole seconds. */
  rateLimitReset: Date;
  failNext(fault: BlueskyFault, nsid?: string): void;
  expireRefreshTokens(): void;
  refuseSignIn(refusal: SignInRefusal | undefined): void;
}

const SIGN_IN_MESSAGES: Record<SignInRefusal, string> = {
  AuthenticationRequired: "Invalid identifier or password",
  AuthFactorTokenRequired: "A sign in code has been sent to your email address",
  AccountTakedown: "Account has been taken down",
};

const xrpcError = (res: ServerResponse, status: number, error: string, message: string) =>
  json(res, status, { error, message });

/**
 * @example
 * const fake = await startBlueskyFake();
 * fake.failNext("created_then_5xx");          // the next createRecord creates, then answers 500
 * fake.failNext("server_error", "com.atproto.repo.uploadBlob");
 * fake.posts; fake.counts.createSession;
 */
export async function startBlueskyFake(
  account = { handle: "news.example.org", did: "did:plc:heraldnewsroom7x", password: "abcd-efgh-ijkl-mnop" },
): Promise<BlueskyFake> {
  const faults: Array<{ fault: BlueskyFault; nsid: string }> = [];
  const access = new Set<string>();
  const expiredAccess = new Set<string>();
  const refresh = new Set<string>();
  const expiredRefresh = new Set<string>();
  let refusal: SignInRefusal | undefined;
  let tid = 0;

  const issue = () => {
    const pair = {
      accessJwt: `acc.${randomBytes(9).toString("base64url")}`,
      refreshJwt: `ref.${randomBytes(9).toString("base64url")}`,
    };
    access.add(pair.accessJwt);
    refresh.add(pair.refreshJwt);
    // createSession answers carry the email; a publisher must not keep it.
    return {
      ...pair,
      did: account.did,
      handle: account.handle,
      email: "desk@news.example.org",
      active: true,
    };
  };

  const bearer = (req: SeenRequest) => /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];

  /** Answers and returns false unless the request carries a live access token. */
  function authorized(req: SeenRequest, res: ServerResponse): boolean {
    const token = bearer(req);
    if (!token) xrpcError(res, 401, "AuthMissing", "Authentication Required");
    else if (expiredAccess.has(token)) xrpcError(res, 400, "ExpiredToken", "Token has expired");
    else if (!access.has(token)) xrpcError(res, 400, "InvalidToken", "Token could not be verified");
    else return true;
    return false;
  }

  const handlers: Record<string, (req: SeenRequest, res: ServerResponse, fault?: BlueskyFault) => unknown> = {
    "com.atproto.server.createSession": (req, res) => {
      const { identifier, password } = (jsonBody(req) ?? {}) as Record<string, unknown>;
      if (refusal) return xrpcError(res, 401, refusal, SIGN_IN_MESSAGES[refusal]);
      const known = identifier === account.handle || identifier === account.did;
      if (!known || password !== account.password)
        return xrpcError(res, 401, "AuthenticationRequired", SIGN_IN_MESSAGES.AuthenticationRequired);
      fake.counts.createSession++;
      json(res, 200, issue());
    },
    "com.atproto.server.refreshSession": (req, res) => {
      const token = bearer(req) ?? "";
      if (expiredRefresh.has(token)) return xrpcError(res, 400, "ExpiredToken", "Token has expired");
      if (!refresh.has(token)) return xrpcError(res, 400, "InvalidToken", "Token could not be verified");
      refresh.delete(token);
      fake.counts.refreshSession++;
      const { email: _, ...session } = issue();
      json(res, 200, session);
    },
    "com.atproto.repo.uploadBlob": (req, res) => {
      if (!authorized(req, res)) return;
      const mimeType = req.headers["content-type"] ?? "application/octet-stream";
      const cid = `bafkrei${createHash("sha256").update(req.body).digest("hex").slice(0, 40)}`;
      fake.blobs.set(cid, { mimeType, size: req.body.length, bytes: req.body });
      json(res, 200, { blob: { $type: "blob", ref: { $link: cid }, mimeType, size: req.body.length } });
    },
    "com.atproto.repo.createRecord": async (req, res, fault) => {
      if (!authorized(req, res)) return;
      const { repo, collection, record } = (jsonBody(req) ?? {}) as Record<string, unknown>;
      if (repo !== account.did && repo !== account.handle)
        return xrpcError(res, 400, "InvalidRequest", `Could not find repo: ${String(repo)}`);
      const problem =
        collection === "app.bsky.feed.post" ? recordProblem(record, fake.blobs) : "Invalid collection";
      if (problem)
        return xrpcError(res, 400, "InvalidRequest", `Invalid app.bsky.feed.post record: ${problem}`);
      const rkey = `3l${(++tid).toString(32).padStart(11, "0")}`;
      const uri = `at://${account.did}/app.bsky.feed.post/${rkey}`;
      const cid = `bafyrei${createHash("sha256").update(JSON.stringify(record)).digest("hex").slice(0, 40)}`;
      fake.posts.push({ uri, cid, rkey, value: record as Record<string, unknown> });
      if (fault === "created_then_5xx")
        return xrpcError(res, 500, "InternalServerError", "Internal Server Error");
      if (fault === "timeout") return untilClientLeaves(res);
      json(res, 200, { uri, cid, validationStatus: "valid" });
    },
    "app.bsky.feed.getPosts": (req, res) => {
      if (!authorized(req, res)) return;
      json(res, 200, getPostsAnswer(fake.posts, req.query.getAll("uris"), fake.engagement, account));
    },
    "com.atproto.repo.listRecords": (req, res) => {
      if (!authorized(req, res)) return;
      const repo = req.query.get("repo");
      if (repo !== account.did && repo !== account.handle)
        return xrpcError(res, 400, "InvalidRequest", `Could not find repo: ${repo}`);
      const limit = Math.min(Number(req.query.get("limit") ?? 50), 100);
      const cursor = req.query.get("cursor");
      const newestFirst = [...fake.posts].reverse().filter((p) => !cursor || p.rkey < cursor);
      const page = newestFirst.slice(0, limit);
      const more = newestFirst.length > limit;
      json(res, 200, {
        records: page.map(({ uri, cid, value }) => ({ uri, cid, value })),
        ...(more ? { cursor: page.at(-1)?.rkey } : {}),
      });
    },
  };

  const server = await startLoopback(async (req, res) => {
    const nsid = req.path.replace(/^\/xrpc\//, "");
    const at = faults.findIndex((f) => f.nsid === nsid);
    const fault = at >= 0 ? faults.splice(at, 1)[0]?.fault : undefined;
    if (fault === "rate_limit") {
      const reset = String(Math.floor(fake.rateLimitReset.getTime() / 1000));
      const headers = { "RateLimit-Limit": "5000", "RateLimit-Remaining": "0", "RateLimit-Reset": reset };
      return json(res, 429, { error: "RateLimitExceeded", message: "Rate Limit Exceeded" }, headers);
    }
    if (fault === "server_error") {
      res.writeHead(502, { "content-type": "text/html" });
      return void res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
    }
    if (fault === "expired_token") {
      for (const token of access) expiredAccess.add(token);
      access.clear();
    }
    const handler = handlers[nsid];
    if (!handler) return xrpcError(res, 501, "MethodNotImplemented", "Method Not Implemented");
    await handler(req, res, fault);
  });

  const fake: BlueskyFake = {
    ...server,
    ...account,
    posts: [],
    blobs: new Map(),
    counts: { createSession: 0, refreshSession: 0 },
    engagement: new Map(),
    rateLimitReset: new Date(Math.ceil(Date.now() / 1000 + 900) * 1000),
    failNext: (fault, nsid = "com.atproto.repo.createRecord") => void faults.push({ fault, nsid }),
    expireRefreshTokens: () => {
      for (const token of refresh) expiredRefresh.add(token);
      refresh.clear();
    },
    refuseSignIn: (r) => {
      refusal = r;
    },
  };
  return fake;
}
