import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { audienceItems } from "../../functions/adapters/dynamo/audience-items.js";
import { keys } from "../../functions/adapters/dynamo/keys.js";
import type { Subscriber } from "../../functions/domain/subscriber.js";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { mapConcurrent } from "../../functions/flows/concurrency.js";

const TOPICS = ["world", "politics", "business", "technology", "culture"];

/** Instant readers follow "world" or "politics" and more; a third follow both. */
const instantTopics = (i: number) =>
  i % 3 === 0 ? ["world", "politics"] : [TOPICS[i % 2] as string, TOPICS[2 + (i % 3)] as string];
/** Daily readers are spread over every one of the 31 combinations of the five topics. */
export const dailyTopics = (i: number) => TOPICS.filter((_, bit) => ((i % 31) + 1) & (1 << bit));

/**
 * Writes `count` active subscribers with BatchWrite, each with a name and the consent a confirmed
 * form sign-up records (address, browser, wording, confirmation): about 700 characters of DynamoDB
 * JSON, against some 400 for a bare import's, so a read that carries whole records pays as in use.
 * Instant ones each follow "world" or "politics" (so all are in the audience of a world+politics
 * article) plus others: about a third follow both, which exercises the one-email-per-subscriber rule.
 */
export async function seedTable(
  db: DynamoDBDocumentClient,
  table: string,
  count: number,
  shards: number,
  cadence: Subscriber["cadence"] = "instant",
  prefix = "reader",
) {
  const now = new Date().toISOString();
  const items: Record<string, unknown>[] = [];
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}${i}@bench.example`;
    const topics = cadence === "daily" ? dailyTopics(i) : instantTopics(i);
    const s: Subscriber = {
      id: subscriberId(email),
      email,
      status: "active",
      topics,
      cadence,
      name: `Reader ${i}`,
      consent: {
        at: now,
        source: "form",
        ip: "203.0.113.42",
        userAgent:
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
        textVersion: "2026-01",
        confirmedAt: now,
      },
      createdAt: now,
      updatedAt: now,
    };
    items.push({ ...keys.subscriber(s.id), ...s }, ...audienceItems(s, shards));
    while (items.length >= 25) batches.push(items.splice(0, 25));
  }
  if (items.length) batches.push(items);
  await mapConcurrent(batches, 8, async (batch) => {
    let request: Record<string, Array<{ PutRequest: { Item: Record<string, unknown> } }>> | undefined = {
      [table]: batch.map((Item) => ({ PutRequest: { Item } })),
    };
    while (request && Object.keys(request).length) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: request }));
      request = out.UnprocessedItems as typeof request;
    }
  });
}
