import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { GROWTH_EVENTS, type StatsChange, type SubscriberStats } from "../../domain/subscriber-stats.js";
import type { SubscriberStatsRepo } from "../../flows/ports.js";
import { counterUpdate } from "./counter-items.js";
import { keys, SK } from "./keys.js";

/** Every write picks one shard at random; reads sum them. Eight spread a sign-up burst well enough. */
export const STATS_SHARDS = 8;

/** Subscriber counters in a few small items: reading them costs the same at 100 or 10 million. */
export function dynamoSubscriberStats(db: DynamoDBDocumentClient, table: string): SubscriberStatsRepo {
  const pk = keys.statsPartition;
  let history: { key: string; items: Record<string, unknown>[] } | undefined;
  const update = async (sk: string, deltas: Record<string, number>) => {
    const write = counterUpdate(table, { pk, sk }, deltas);
    if (write) await db.send(new UpdateCommand(write));
  };
  const query = async (condition: string, values: Record<string, string>) => {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: `pk = :pk AND ${condition}`,
          ExpressionAttributeValues: { ":pk": pk, ...values },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  };

  return {
    async apply(change: StatsChange) {
      const shard = Math.floor(Math.random() * STATS_SHARDS);
      await Promise.all([
        update(keys.statsTotals(shard), change.totals),
        update(keys.statsDay(change.day, shard), change.growth as Record<string, number>),
      ]);
    },
    async read(days): Promise<SubscriberStats> {
      const today = days.at(-1) ?? "";
      const past = days.slice(0, -1);
      const between = (from: string, to: string) =>
        query("sk BETWEEN :from AND :to", {
          ":from": keys.statsDay(from, ""),
          ":to": keys.statsDay(to, "~"),
        });
      // Days before today no longer change (events are counted on the day they happen): read once
      // per container and day, so a page view reads the totals and today's shards only.
      const historyKey = `${past[0]}..${past.at(-1)}`;
      if (past.length && history?.key !== historyKey) {
        history = { key: historyKey, items: await between(past[0] as string, past.at(-1) as string) };
      }
      const [totalItems, todayItems] = await Promise.all([
        query("begins_with(sk, :t)", { ":t": SK.statsTotals }),
        between(today, today),
      ]);
      const dayItems = [...(past.length ? (history?.items ?? []) : []), ...todayItems];
      const totals = { byStatus: {}, byTopic: {}, byCadence: {} } as SubscriberStats["totals"];
      const group = { status: totals.byStatus, topic: totals.byTopic, cadence: totals.byCadence };
      for (const item of totalItems) {
        for (const [name, value] of Object.entries(item)) {
          const [kind, key] = name.split(/:(.*)/s) as [keyof typeof group, string];
          const into = group[kind];
          if (into && key) into[key] = (into[key] ?? 0) + Number(value);
        }
      }
      const byDay = new Map(days.map((day) => [day, { day, ...zeroes() }]));
      for (const item of dayItems) {
        const row = byDay.get(String(item.sk).split("#")[1] ?? "");
        if (row) for (const e of GROWTH_EVENTS) row[e] += Number(item[e] ?? 0);
      }
      return { totals, growth: [...byDay.values()] };
    },
  };
}

const zeroes = () =>
  Object.fromEntries(GROWTH_EVENTS.map((e) => [e, 0])) as Record<(typeof GROWTH_EVENTS)[number], number>;
