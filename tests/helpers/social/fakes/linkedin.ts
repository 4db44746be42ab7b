import type { ServerResponse } from "node:http";
import { json, jsonBody, type Loopback, type SeenRequest, startLoopback } from "../loopback.js";
import { untilClientLeaves } from "./hang.js";
import { badRequest, invalidPost, restError } from "./linkedin-rules.js";
import { answerSocialActions, type LinkedInReadFault } from "./linkedin-social-actions.js";

/** What the fake can be told to do to the next `POST /rest/posts` (or, for `upload_5xx`, image PUT). */
export type LinkedInFault = "rate_limit" | "created_then_5xx" | "timeout" | "upload_5xx";

export interface LinkedInFakePost {
  id: string;
  body: Record<string, unknown>;
  thumbnailBytes?: Buffer;
}

export interface LinkedInFake extends Loopback {
  organization: string;
  posts: LinkedInFakePost[];
  /** Uploaded images by URN. */
  images: Map<string, Buffer | undefined>;
  tokens: { access: string; refresh: string; clientId: string; clientSecret: string };
  oauthUrl: string;
  failNext(fault: LinkedInFault): void;
  /** Likes and comments (all, and first-level) per post URN (0 unless set); the next read's fault. */
  socialActions: Map<string, { likes: number; comments: number; firstLevel: number }>;
  failNextRead(fault: LinkedInReadFault): void;
  expireAccessToken(): void;
}

/**
 * A loopback LinkedIn REST API: image upload (initializeUpload + PUT), `POST /rest/posts` answering
 * 201 with `x-restli-id`, the author finder, duplicate commentary refused with 422 DUPLICATE_POST,
 * the version and Rest.li headers required, and the OAuth refresh grant (at `oauthUrl`).
 *
 * @example
 * const fake = await startLinkedInFake();
 * fake.failNext("rate_limit");
 */
export async function startLinkedInFake(): Promise<LinkedInFake> {
  const organization = "urn:li:organization:2414183";
  const faults: LinkedInFault[] = [];
  const posts: LinkedInFakePost[] = [];
  const images = new Map<string, Buffer | undefined>();
  const socialActions: LinkedInFake["socialActions"] = new Map();
  const readFaults: LinkedInReadFault[] = [];
  const tokens = {
    access: "li-access-1",
    refresh: "li-refresh-1",
    clientId: "li-client",
    clientSecret: "li-secret",
  };
  let next = 7141000000000000000n;

  function guard(req: SeenRequest, res: ServerResponse, versioned: boolean): boolean {
    if (req.headers.authorization !== `Bearer ${tokens.access}`) {
      json(
        res,
        401,
        restError(401, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired", 65601),
      );
      return false;
    }
    if (versioned && !/^\d{6}$/.test(String(req.headers["linkedin-version"]))) {
      json(
        res,
        400,
        restError(
          400,
          "VERSION_MISSING",
          "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
        ),
      );
      return false;
    }
    if (versioned && req.headers["x-restli-protocol-version"] !== "2.0.0") {
      json(res, 400, restError(400, "ILLEGAL_ARGUMENT", "X-Restli-Protocol-Version 2.0.0 is required"));
      return false;
    }
    return true;
  }

  function createPost(req: SeenRequest, res: ServerResponse) {
    const body = (jsonBody(req) ?? {}) as Record<string, unknown>;
    const invalid = invalidPost(body, organization, images);
    if (invalid) {
      const [path, why] = invalid;
      return json(res, 422, badRequest(`Invalid field ${path}: ${why}`, path, why, "INVALID_VALUE"));
    }
    const fault = faults[0] === "upload_5xx" ? undefined : faults.shift();
    if (fault === "rate_limit") {
      const why = "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.";
      return json(res, 429, restError(429, "TOO_MANY_REQUESTS", why, 101));
    }
    const earlier = posts.find((p) => p.body.commentary === body.commentary);
    if (earlier) {
      const message = `ERROR :: /commentary :: Content is a duplicate of ${earlier.id}`;
      return json(
        res,
        422,
        badRequest(message, "/commentary", "Duplicate post is detected", "DUPLICATE_POST"),
      );
    }
    const id = `urn:li:share:${next++}`;
    const thumbnail = (body.content as { article: { thumbnail?: string } }).article.thumbnail;
    posts.push({ id, body, thumbnailBytes: thumbnail ? images.get(thumbnail) : undefined });
    if (fault === "timeout") return untilClientLeaves(res); // created, and the answer never comes
    if (fault === "created_then_5xx") return json(res, 504, { message: "Gateway Timeout", status: 504 });
    res.writeHead(201, { "x-restli-id": id }).end();
  }

  function refresh(req: SeenRequest, res: ServerResponse) {
    const form = new URLSearchParams(req.body.toString("utf8"));
    if (form.get("client_id") !== tokens.clientId || form.get("client_secret") !== tokens.clientSecret) {
      return json(res, 401, { error: "invalid_client", error_description: "Client authentication failed" });
    }
    if (form.get("grant_type") !== "refresh_token" || form.get("refresh_token") !== tokens.refresh) {
      return json(res, 400, {
        error: "invalid_request",
        error_description: "The provided authorization grant is invalid, expired or revoked",
      });
    }
    tokens.access = "li-access-2";
    json(res, 200, {
      access_token: tokens.access,
      expires_in: 5184000,
      refresh_token: tokens.refresh,
      refresh_token_expires_in: 31536000,
    });
  }

  const server: Loopback = await startLoopback((req, res) => {
    if (req.method === "POST" && req.path === "/oauth/v2/accessToken") return refresh(req, res);
    if (req.method === "PUT" && req.path.startsWith("/dms-uploads/")) {
      if (!guard(req, res, false)) return;
      const urn = decodeURIComponent(req.path.slice("/dms-uploads/".length));
      if (!images.has(urn)) return json(res, 404, restError(404, "NOT_FOUND", "Unknown upload"));
      if (faults[0] === "upload_5xx") {
        faults.shift();
        return json(res, 500, { message: "Internal Server Error", status: 500 });
      }
      images.set(urn, req.body);
      res.writeHead(201).end();
      return;
    }
    if (!guard(req, res, true)) return;
    if (
      req.method === "POST" &&
      req.path === "/rest/images" &&
      req.query.get("action") === "initializeUpload"
    ) {
      const owner = (jsonBody(req) as { initializeUploadRequest?: { owner?: string } })
        ?.initializeUploadRequest?.owner;
      if (owner !== organization)
        return json(
          res,
          403,
          restError(403, "ACCESS_DENIED", `Not enough permissions to upload as ${owner}`),
        );
      const image = `urn:li:image:C4E10AQ${images.size}`;
      images.set(image, undefined);
      return json(res, 200, {
        value: {
          uploadUrlExpiresAt: Date.now() + 86_400_000,
          uploadUrl: `${server.url}/dms-uploads/${encodeURIComponent(image)}`,
          image,
        },
      });
    }
    if (req.method === "POST" && req.path === "/rest/posts") return createPost(req, res);
    if (req.method === "GET" && req.path === "/rest/posts" && req.query.get("q") === "author") {
      if (req.query.get("author") !== organization)
        return json(res, 403, restError(403, "ACCESS_DENIED", "Not enough permissions"));
      const count = Number(req.query.get("count") ?? 10);
      const elements = [...posts]
        .reverse()
        .slice(0, count)
        .map((p) => ({ id: p.id, ...p.body }));
      return json(res, 200, { paging: { start: 0, count, links: [] }, elements });
    }
    if (req.method === "GET" && req.path.startsWith("/rest/socialActions/")) {
      const urn = decodeURIComponent(req.path.slice("/rest/socialActions/".length));
      const known = posts.some((p) => p.id === urn);
      return answerSocialActions(res, urn, known, socialActions.get(urn), readFaults.shift());
    }
    json(res, 404, restError(404, "NOT_FOUND", `No route ${req.method} ${req.path}`));
  });

  return {
    ...server,
    organization,
    posts,
    images,
    tokens,
    oauthUrl: `${server.url}/oauth/v2/accessToken`,
    failNext: (fault) => faults.push(fault),
    socialActions,
    failNextRead: (fault) => readFaults.push(fault),
    expireAccessToken: () => {
      tokens.access = "li-access-expired";
    },
  };
}
