import * as z from "zod";
import { BriefingId } from "../../domain/briefing/schedule.js";
import { BriefingWebParams } from "../routes/briefing-web.js";
import { BriefingList, BriefingStarted, BriefingView, ListQuery } from "../schemas.js";
import { err, html, json, type Paths } from "./operation.js";

const id = z.object({ id: BriefingId });

/** The daily briefing's admin routes (admin), and its public web version. */
export const BRIEFING_CONTRACT: Paths = {
  "/v1/briefings/{id}/web/{topics}": {
    get: {
      summary:
        "One topic combination's daily briefing as a web page (the briefing email's view in browser); `topics` comma-separated, in any order",
      params: BriefingWebParams,
      responses: {
        200: { description: "HTML page", type: html },
        404: { description: "HTML page", type: html },
      },
    },
  },
  "/v1/briefings/run": {
    post: {
      summary:
        "Run today's daily briefing now (what the schedule does). One briefing per newsroom day: run again the same day, it is found (`created: false`) and nothing is sent twice; a briefing that stopped half-way resumes. A run that found nothing to send does not use up the day: a later run that day sends what has arrived since (`created: true`)",
      admin: true,
      responses: {
        202: { description: "started or found", type: json, schema: BriefingStarted },
        401: err("no admin key"),
      },
    },
  },
  "/v1/briefings": {
    get: {
      summary: "Recent briefings, newest first, with the same counts as an edition and the renders made",
      admin: true,
      query: ListQuery,
      responses: {
        200: { description: "a page of briefings", type: json, schema: BriefingList },
        400: err("bad query"),
        401: err("no admin key"),
      },
    },
  },
  "/v1/briefings/{id}": {
    get: {
      summary: "A briefing's status, counts, editions and distinct topic combinations rendered",
      admin: true,
      params: id,
      responses: {
        200: { description: "the briefing", type: json, schema: BriefingView },
        400: err("bad briefing id"),
        401: err("no admin key"),
        404: err("unknown briefing"),
      },
    },
  },
  "/v1/briefings/{id}/resume": {
    post: {
      summary:
        "Resume a briefing that paused itself over the bounce or complaint threshold, or one that stalled (no progress for HERALD_STALL_SECONDS)",
      admin: true,
      params: id,
      responses: {
        200: { description: "the briefing, sending again", type: json, schema: BriefingView },
        400: err("bad briefing id"),
        401: err("no admin key"),
        404: err("unknown briefing"),
        409: err("the briefing is neither paused nor stalled"),
      },
    },
  },
};
