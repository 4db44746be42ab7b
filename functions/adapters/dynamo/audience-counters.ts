import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AudienceCounters } from "../../flows/ports.js";
import { addToItem } from "./counter-items.js";
import { AUDIENCE_SHARDS } from "./engagement-keys.js";

/**
 * Audience counters by day: `AUDSTAT#<shard>` / `DAY#<YYYY-MM-DD>`, attributes `<event>|<scope>`;
 * every sign-up of a burst writes to one shard at random (`stats-reader.ts` sums them).
 *
 * @example
 * await dynamoAudienceCounters(db, "herald").add("2026-12-06", { "signups|*": 1, "signups|topic:world": 1 });
 */
export function dynamoAudienceCounters(db: DynamoDBDocumentClient, table: string): AudienceCounters {
  return {
    add: (day, deltas) =>
      addToItem(
        db,
        table,
        { pk: `AUDSTAT#${Math.floor(Math.random() * AUDIENCE_SHARDS)}`, sk: `DAY#${day}` },
        deltas,
      ),
  };
}
