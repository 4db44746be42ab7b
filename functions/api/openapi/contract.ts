import * as z from "zod";
import { articleSchema } from "../../domain/article.js";
import { GhostWebhook } from "../../domain/cms/ghost.js";
import { WordPressPost } from "../../domain/cms/wordpress.js";
import { DEFAULT_TOPICS } from "../../domain/config.js";
import { EditionId } from "../../domain/edition.js";
import { PublishOptions } from "../../domain/editorial.js";
import { SHARE_NETWORKS } from "../../domain/share.js";
import { ShareEmailRequest } from "../../domain/share-email.js";
import { preferencesSchema, subscribeSchema } from "../../domain/subscription.js";
import { TestSendRequest, TestSendResult } from "../../domain/test-send.js";
import { IgnoredResponse } from "../routes/cms-webhooks.js";
import {
  EditionList,
  EditionView,
  ImportResult,
  ListQuery,
  PublishResponse,
  SocialAccountsView,
  SubscriberView,
} from "../schemas.js";

import { ACCESS_CONTRACT } from "./contract-access.js";
import { ANALYTICS_CONTRACT } from "./contract-analytics.js";
import { BRIEFING_CONTRACT } from "./contract-briefings.js";
import { EDITORIAL_CONTRACT } from "./contract-editorial.js";
import { err, html, json, type Paths } from "./operation.js";

export type { Operation } from "./operation.js";

const id = z.object({ id: EditionId });
const token = z.object({ token: z.string() });

/** The HTTP contract as data: the OpenAPI document is generated from this table (`npm run openapi`). */
/** The edition or briefing whose link was used; the unsubscribe is attributed to it (docs/analytics.md). */
const unsubscribeQuery = token.extend({ e: z.string().optional().describe("edition or briefing id") });

export const CONTRACT: Paths = {
  ...BRIEFING_CONTRACT,
  ...ACCESS_CONTRACT,
  ...EDITORIAL_CONTRACT,
  ...ANALYTICS_CONTRACT,
  "/v1/webhooks/articles": {
    post: {
      summary:
        'Publish an article. Header `Herald-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, 300 s tolerance, body ≤ 256 KB. Beside the article: `sendAt` (ISO date-time; ahead → the edition is `scheduled` for then) and `review: true` (held for an editor even when webhooks are not reviewed).',
      body: { type: json, schema: z.intersection(articleSchema(DEFAULT_TOPICS), PublishOptions) },
      responses: {
        202: { description: "a new edition was recorded", type: json, schema: PublishResponse },
        200: {
          description: "a duplicate: the same edition, nothing sent again",
          type: json,
          schema: PublishResponse,
        },
        400: err("invalid JSON or article"),
        401: err("missing, wrong or stale signature"),
        413: err("body over 256 KB"),
      },
    },
  },
  "/v1/webhooks/ghost": {
    post: {
      summary:
        "Ghost's `post.published` webhook, as Ghost sends it. Header `X-Ghost-Signature: sha256=<hex HMAC-SHA256(secret, raw body + t)>, t=<ms>` with the webhook secret, 300 s tolerance, body ≤ 256 KB. The post becomes article `ghost-<id>`, version its `published_at`; tags map to topics.",
      body: { type: json, schema: GhostWebhook },
      responses: {
        202: { description: "a new edition was recorded", type: json, schema: PublishResponse },
        200: {
          description: "a duplicate (nothing sent again), or `ignored` for a post that is not published",
          type: json,
          schema: z.union([PublishResponse, IgnoredResponse]),
        },
        400: err("invalid JSON or a payload that is not a Ghost post"),
        401: err("missing, wrong or stale X-Ghost-Signature"),
        413: err("body over 256 KB"),
      },
    },
  },
  "/v1/webhooks/wordpress": {
    post: {
      summary:
        "A WordPress REST API post object (`/wp-json/wp/v2/posts/<id>?_embed`), signed with `Herald-Signature` like the article webhook, body ≤ 256 KB. The post becomes article `wp-<id>`, version its `date_gmt`; embedded categories and tags map to topics.",
      body: { type: json, schema: WordPressPost },
      responses: {
        202: { description: "a new edition was recorded", type: json, schema: PublishResponse },
        200: {
          description: "a duplicate (nothing sent again), or `ignored` for a post that is not published",
          type: json,
          schema: z.union([PublishResponse, IgnoredResponse]),
        },
        400: err("invalid JSON or a payload that is not a WordPress post"),
        401: err("missing, wrong or stale signature"),
        413: err("body over 256 KB"),
      },
    },
  },
  "/v1/editions": {
    get: {
      summary:
        "Editions, newest first, a page at a time (`limit` ≤ 100, `cursor` from the last page); counts come from each edition's counters, never from its chunks; the SES feedback counters (`delivered`, `bounced`, …) may be up to 2 s behind the edition's own view",
      admin: true,
      query: ListQuery,
      responses: {
        200: { description: "a page of editions", type: json, schema: EditionList },
        400: err("bad query"),
        401: err("no admin key"),
      },
    },
  },
  "/v1/editions/{id}": {
    get: {
      summary:
        "An edition's status and counts, its editorial fields (`sendAt`, `heldSince`, `approvedAt`, `supersededBy`), whether it stopped moving (status `stalled`, `stalledSince`, `remaining`), bounce and complaint rates against the pause limits (`health`), recipients sent per minute (`sendRate`), and its posts to the newsroom's social accounts (`social`: status posted, failed, unknown or pending, the post's URL, the network's last error, attempts, and `engagement`: likes, reposts, replies and quotes read an hour (`1h`) and a day (`1d`) after the post, or why a look-up gave up)",
      admin: true,
      params: id,
      responses: {
        200: { description: "the edition", type: json, schema: EditionView },
        401: err("no admin key"),
        404: err("unknown edition"),
      },
    },
  },
  "/v1/editions/{id}/web": {
    get: {
      summary: "The edition as a web page (view in browser)",
      params: id,
      responses: {
        200: { description: "HTML page", type: html },
        404: { description: "HTML page", type: html },
      },
    },
  },
  "/v1/editions/{id}/card.png": {
    get: {
      summary: "The 1200×630 social card (og:image), `immutable`; `If-None-Match` with its ETag answers 304",
      params: id,
      responses: {
        200: { description: "the card", type: "image/png" },
        304: { description: "not modified" },
        400: err("bad edition id"),
        404: err("unknown edition or no card"),
      },
    },
  },
  "/v1/editions/{id}/test": {
    post: {
      summary:
        "Test send: the edition's stored render to at most 10 addresses, subject marked [Test]; suppressed addresses are skipped, non-subscribers get links to the web version; nothing is counted",
      admin: true,
      params: id,
      body: { type: json, schema: TestSendRequest },
      responses: {
        202: { description: "handed to SES", type: json, schema: TestSendResult },
        400: err("bad edition id, not JSON, or invalid addresses (the issue names the field)"),
        401: err("no admin key"),
        404: err("unknown edition"),
        409: err("the edition is not rendered yet"),
        413: err("body over 16 KB"),
        429: err("SES is at its sending rate; see Retry-After"),
      },
    },
  },
  "/v1/editions/{id}/resume": {
    post: {
      summary:
        "Resume a paused edition (paused by an editor, or by itself over a 5 % bounce or 0.1 % complaint rate) or a stalled one (queued or sending without progress for HERALD_STALL_SECONDS): its unsent chunks are queued again; after a pause only what happens since counts toward pausing. A cancelled edition cannot be resumed",
      admin: true,
      params: id,
      responses: {
        200: { description: "the edition, sending again", type: json, schema: EditionView },
        400: err("bad edition id"),
        401: err("no admin key"),
        404: err("unknown edition"),
        409: err("the edition is neither paused nor stalled"),
      },
    },
  },
  "/v1/share/email": {
    post: {
      summary:
        "Email the article to up to 5 friends: fixed wording, sender and subject, a plain-text note and name with nothing link-like; suppressed or unsubscribed addresses and inboxes past 3 share emails a day skipped silently; 10 per client per hour, and a daily budget for the whole feature",
      body: { type: json, schema: ShareEmailRequest },
      responses: {
        202: { description: "accepted", type: json, schema: z.object({ status: z.literal("accepted") }) },
        400: err("invalid field"),
        404: err("unknown edition, or the feature is turned off"),
        429: err("too many shares from this client, or the feature's daily budget is spent; see Retry-After"),
      },
    },
  },
  "/v1/share/{editionId}/{network}": {
    get: {
      summary:
        "Counts a reader's share and redirects (302) to the network's share page with a UTM-tagged article URL",
      params: z.object({ editionId: EditionId, network: z.enum(SHARE_NETWORKS.map((n) => n.id)) }),
      responses: { 302: { description: "to the network" }, 404: err("unknown edition or network") },
    },
  },
  "/v1/social/accounts": {
    get: {
      summary:
        "The configured social accounts: `ok`, or `needs_attention` with the network's reason and since when (credentials expired or revoked; a successful post clears it)",
      admin: true,
      responses: {
        200: { description: "the accounts", type: json, schema: SocialAccountsView },
        401: err("no admin key"),
      },
    },
  },
  "/v1/subscribers": {
    post: {
      summary:
        "Sign up (JSON or form). Always 202, known address or not: the sign-up is queued and decided by a worker; a confirmation email follows (at most one per inbox per 10 minutes, `+tags`, Gmail dots and googlemail.com included, within an hourly budget). For a known address the sign-up waits beside the record until confirmed. Rate-limited per client and per inbox.",
      body: { type: json, schema: subscribeSchema(DEFAULT_TOPICS) },
      responses: {
        202: {
          description: "pending confirmation",
          type: json,
          schema: z.object({ status: z.literal("pending") }),
        },
        400: err("invalid address, topic or cadence"),
        413: err("body over 16 KB"),
        429: err("too many sign-ups from this client or for this inbox; see Retry-After"),
      },
    },
  },
  "/v1/confirm": {
    get: {
      summary:
        "Double opt-in link: shows what would be confirmed and a one-button form (changes nothing: link scanners follow GETs)",
      query: token,
      responses: {
        200: { description: "HTML page with the confirm button", type: html },
        400: { description: "invalid or expired token (HTML page)", type: html },
        404: { description: "nothing to confirm any more (HTML page)", type: html },
      },
    },
    post: {
      summary:
        "The confirm button: the pending subscriber, or the pending change of a known one, becomes active",
      query: token,
      responses: {
        200: { description: "HTML page", type: html },
        400: { description: "invalid or expired token (HTML page)", type: html },
        404: { description: "nothing to confirm any more (HTML page)", type: html },
      },
    },
  },
  "/v1/preferences": {
    get: {
      summary: "Preference center (HTML form)",
      query: token,
      responses: {
        200: { description: "HTML page", type: html },
        400: { description: "invalid token (HTML page)", type: html },
      },
    },
    post: {
      summary:
        "Change topics and cadence, or unsubscribe from everything (form answers HTML, JSON answers JSON)",
      query: token,
      body: { type: json, schema: preferencesSchema(DEFAULT_TOPICS) },
      responses: {
        200: { description: "saved", type: json },
        400: err("invalid choice or token"),
        409: err("the subscriber unsubscribed meanwhile and `resubscribe` was not set: nothing changed"),
      },
    },
  },
  "/v1/suppressions/{email}": {
    delete: {
      summary:
        "Lift a suppression (bounce, complaint, erasure); the address may subscribe again with double opt-in",
      admin: true,
      params: z.object({ email: z.string() }),
      responses: {
        200: { description: "lifted", type: json },
        401: err("no admin key"),
        404: err("not suppressed"),
      },
    },
  },
  "/v1/subscribers/import": {
    post: {
      summary:
        "Import subscribers: CSV `email[,name,topics,cadence]`, topics separated by `|`; imported rows are active",
      admin: true,
      body: { type: "text/csv", schema: z.string() },
      responses: {
        200: { description: "import report", type: json, schema: ImportResult },
        400: err("not CSV, no email column, or not text/csv"),
        401: err("no admin key"),
        413: err("file over 10 MB"),
      },
    },
  },
  "/v1/subscribers/export": {
    get: {
      summary: "Every subscriber as CSV, streamed",
      admin: true,
      responses: { 200: { description: "CSV", type: "text/csv" }, 401: err("no admin key") },
    },
  },
  "/v1/subscribers/{email}": {
    get: {
      summary: "One subscriber's record",
      admin: true,
      params: z.object({ email: z.string() }),
      responses: {
        200: { description: "the subscriber", type: json, schema: SubscriberView },
        401: err("no admin key"),
        404: err("unknown address"),
      },
    },
    delete: {
      summary:
        "Erase a subscriber (GDPR): the record and its audience entries are deleted; the address's hash stays on the suppression list",
      admin: true,
      params: z.object({ email: z.string() }),
      responses: {
        200: {
          description: "erased",
          type: json,
          schema: z.object({ erased: z.literal(true), suppressed: z.literal(true) }),
        },
        400: err("not an email address"),
        401: err("no admin key"),
        404: err("unknown address"),
      },
    },
  },
  "/v1/unsubscribe": {
    get: {
      summary: "Unsubscribe page with a one-button form; changes nothing",
      query: unsubscribeQuery,
      responses: {
        200: { description: "HTML page", type: html },
        400: { description: "invalid token (HTML page)", type: html },
      },
    },
    post: {
      summary: "One-click unsubscribe (RFC 8058): body `List-Unsubscribe=One-Click`, takes effect at once",
      query: unsubscribeQuery.extend({
        via: z.literal("page").optional().describe("set by the footer link's page: counted as `footer`"),
      }),
      body: {
        type: "application/x-www-form-urlencoded",
        schema: z.object({ "List-Unsubscribe": z.literal("One-Click") }),
      },
      responses: {
        200: { description: "HTML page", type: html },
        400: { description: "invalid token (HTML page)", type: html },
      },
    },
  },
};
