import * as z from "zod";
import { BriefingId } from "../../domain/briefing/schedule.js";
import { EditionId } from "../../domain/edition.js";
import { AudienceSeries, EngagementStats } from "../../domain/tracking/engagement-stats-schema.js";
import { AudienceQuery } from "../routes/audience-stats.js";
import { StatsCsvQuery } from "../routes/engagement-stats.js";
import { err, html, json, type Paths } from "./operation.js";

const token = z.object({ token: z.string() });
const CSV_NOTE = " CSV: `?format=csv` or `Accept: text/csv` (links, or `part=timeline`).";

/** Engagement and audience analytics: the tracked link, the pixel, and the stats (docs/analytics.md). */
export const ANALYTICS_CONTRACT: Paths = {
  "/r/{token}": {
    get: {
      summary:
        "A tracked email link, `{token}` being the recipient's email token and the link's index (`<token>.<index>`; older links: a token per link): redirects to that link of the email; counts it if the token is valid and unexpired (docs/analytics.md)",
      params: token,
      responses: {
        302: { description: "to the link of the email (Location)" },
        404: { description: "HTML page: the token names no link of any email", type: html },
      },
    },
  },
  "/o/{token}": {
    get: {
      summary: "The open pixel: a 1×1 GIF; counts the open if the token is valid",
      params: token,
      responses: { 200: { description: "image/gif", type: "image/gif" } },
    },
  },
  "/v1/editions/{id}/stats": {
    get: {
      summary: `An edition's clicks per link, opens and timeline, human and machine apart.${CSV_NOTE}`,
      admin: true,
      params: z.object({ id: EditionId }),
      query: StatsCsvQuery,
      responses: {
        200: { description: "the stats (or CSV)", type: json, schema: EngagementStats },
        400: err("bad edition id or query"),
        401: err("no admin key"),
        404: err("unknown edition"),
      },
    },
  },
  "/v1/briefings/{id}/stats": {
    get: {
      summary: `A briefing's engagement, its topic combinations together.${CSV_NOTE}`,
      admin: true,
      params: z.object({ id: BriefingId }),
      query: StatsCsvQuery,
      responses: {
        200: { description: "the stats (or CSV)", type: json, schema: EngagementStats },
        400: err("bad briefing id or query"),
        401: err("no admin key"),
        404: err("unknown briefing"),
      },
    },
  },
  "/v1/stats/audience": {
    get: {
      summary:
        "Per UTC day (default the last 30, at most 366): sign-ups, confirmations, unsubscribes by way, bounces, complaints, net; for the list, a `topic` or a `cadence`. CSV: `?format=csv`",
      admin: true,
      query: AudienceQuery,
      responses: {
        200: { description: "the series (or CSV)", type: json, schema: AudienceSeries },
        400: err("bad dates, range or filter"),
        401: err("no admin key"),
      },
    },
  },
};
