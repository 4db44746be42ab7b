import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { writeIf } from "./conditional-write.js";
import { counterUpdate } from "./counter-items.js";
import { COUNTER_SK } from "./engagement-keys.js";
import { PK } from "./keys.js";
import { scanPages } from "./scan-pages.js";
import { writeTransaction } from "./transaction.js";

type Item = Record<string, unknown>;

/** The sort key a legacy total moves to (`MSG`, `LINK#<key>` before 2026-12-07). */
const movedSk = (sk: string) =>
  sk === "MSG" ? COUNTER_SK.message : COUNTER_SK.link(sk.slice("LINK#".length));

/**
 * Adds one legacy total into its new item and deletes it, in one transaction that holds only while
 * the legacy item still has the counts read (a writer that added to one of them since makes it read
 * again; one that added a count it did not have is not seen: after the deploy no writer uses these
 * keys); `false` when another run moved it first.
 */
async function moveOne(db: DynamoDBDocumentClient, table: string, read: Item): Promise<boolean> {
  for (let item: Item | undefined = read; item; ) {
    const { pk, sk, url, ...counts } = item as { pk: string; sk: string; url?: string } & Record<
      string,
      number
    >;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const unchanged = Object.entries(counts).map(([k, v], i) => {
      names[`#c${i}`] = k;
      values[`:c${i}`] = v;
      return `#c${i} = :c${i}`;
    });
    const add = counterUpdate(table, { pk, sk: movedSk(sk) }, counts, url);
    const moved = writeTransaction(db, {
      TransactItems: [
        ...(add ? [{ Update: add }] : []),
        {
          Delete: {
            TableName: table,
            Key: { pk, sk },
            ConditionExpression: ["attribute_exists(pk)", ...unchanged].join(" AND "),
            ExpressionAttributeNames: unchanged.length ? names : undefined,
            ExpressionAttributeValues: unchanged.length ? values : undefined,
          },
        },
      ],
    });
    if (await writeIf(moved)) return true;
    item = (await db.send(new GetCommand({ TableName: table, Key: { pk, sk }, ConsistentRead: true }))).Item;
  }
  return false;
}

/**
 * Moves the engagement totals an older Herald kept under `MSG` and `LINK#<key>` to the keys the
 * stats reader reads (`TOTAL#MSG`, `TOTAL#LINK#<key>`, which sort after the timeline buckets), adding
 * them to what the recorder has counted there since the upgrade. Without it an email sent before
 * the upgrade would show only the clicks and opens counted after it. It scans every item: run it
 * from a script (`scripts/upgrade-items.ts`), not per request. Safe to run again, and while the
 * recorder runs.
 *
 * @example
 * await moveLegacyTotals(db, "herald"); // { moved: 96 }
 */
export async function moveLegacyTotals(db: DynamoDBDocumentClient, table: string) {
  let moved = 0;
  const pages = scanPages(db, {
    TableName: table,
    FilterExpression: "begins_with(pk, :stats) AND (sk = :message OR begins_with(sk, :link))",
    ExpressionAttributeValues: { ":stats": PK.engagementStats, ":message": "MSG", ":link": "LINK#" },
  });
  for await (const items of pages) for (const item of items) if (await moveOne(db, table, item)) moved++;
  return { moved };
}
