import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { StatsReader, TargetCounters } from "../../flows/ports.js";
import { queryItems } from "./counter-items.js";
import { AUDIENCE_SHARDS, ENGAGEMENT_SHARDS, statsPk } from "./engagement-keys.js";

const NOT_COUNTS = new Set(["pk", "sk", "url"]);
function sumInto(into: Record<string, number>, item: Record<string, unknown>) {
  for (const [k, v] of Object.entries(item)) if (!NOT_COUNTS.has(k)) into[k] = (into[k] ?? 0) + Number(v);
}

/**
 * Reads the aggregated counters the stats endpoints answer from: an email's numbers are eight
 * Queries of small items, a range of audience days eight more, whatever the audience size; never a
 * Scan. Only the stats function carries it (the API bundle has a size budget).
 *
 * @example
 * const counters = await dynamoStatsReader(db, "herald").engagement("ed_…");
 */
export function dynamoStatsReader(db: DynamoDBDocumentClient, table: string): StatsReader {
  return {
    async engagement(target): Promise<TargetCounters> {
      const shards = await Promise.all(
        Array.from({ length: ENGAGEMENT_SHARDS }, (_, s) => queryItems(db, table, statsPk(target, s))),
      );
      const message: Record<string, number> = {};
      const links = new Map<string, { key: string; url: string; counts: Record<string, number> }>();
      const timeline = new Map<string, Record<string, number>>();
      for (const item of shards.flat()) {
        const sk = String(item.sk);
        if (sk === "MSG") sumInto(message, item);
        else if (sk.startsWith("LINK#")) {
          const key = sk.slice(5);
          const link = links.get(key) ?? { key, url: "", counts: {} };
          if (typeof item.url === "string") link.url = item.url;
          sumInto(link.counts, item);
          links.set(key, link);
        } else if (sk.startsWith("T#")) {
          const counts = timeline.get(sk.slice(2)) ?? {};
          sumInto(counts, item);
          timeline.set(sk.slice(2), counts);
        }
      }
      return {
        message,
        links: [...links.values()],
        timeline: [...timeline.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([bucket, counts]) => ({ bucket, counts })),
      };
    },
    async audience(from, to) {
      const days = new Map<string, Record<string, number>>();
      const shards = await Promise.all(
        Array.from({ length: AUDIENCE_SHARDS }, (_, s) =>
          queryItems(db, table, `AUDSTAT#${s}`, [`DAY#${from}`, `DAY#${to}`]),
        ),
      );
      for (const item of shards.flat()) {
        const day = String(item.sk).slice(4);
        const row = days.get(day) ?? {};
        for (const [k, v] of Object.entries(item)) if (k.includes("|")) row[k] = (row[k] ?? 0) + Number(v);
        days.set(day, row);
      }
      return days;
    },
  };
}
