import { PutCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { documentClient } from "../../functions/adapters/dynamo/client.js";
import { keys } from "../../functions/adapters/dynamo/keys.js";
import { recountSubscriberTotals } from "../../functions/adapters/dynamo/recount-subscribers.js";
import { subscriberId } from "../../functions/domain/subscriber.js";
import type { SubscriberStats } from "../../functions/domain/subscriber-stats.js";
import { applyFeedback } from "../../functions/flows/apply-feedback.js";
import { applySignUp } from "../../functions/flows/apply-sign-up.js";
import {
  confirm,
  erase,
  liftSuppression,
  savePreferences,
} from "../../functions/flows/manage-subscription.js";
import { unsubscribe } from "../../functions/flows/unsubscribe.js";
import { LOCAL_CREDENTIALS } from "../../functions/local/dynamodb-local.js";
import { adminHeaders } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { subscribeRequest } from "../helpers/subscription.js";

let herald: TestHerald;
beforeAll(async () => {
  herald = await startHerald();
});
afterAll(() => herald.stop());

const stats = async () => {
  const res = await herald.app.request("/v1/subscribers/stats", { headers: adminHeaders("dev-viewer-key") });
  expect(res.status).toBe(200);
  return (await res.json()) as SubscriberStats;
};

/** The truth, counted the slow way: every subscriber record in the table. */
async function scanned() {
  const byStatus: Record<string, number> = { pending: 0, active: 0, unsubscribed: 0, suppressed: 0 };
  const byTopic: Record<string, number> = Object.fromEntries(herald.config.topics.map((t) => [t, 0]));
  const byCadence: Record<string, number> = { instant: 0, daily: 0 };
  for await (const page of herald.ports.subscribers.all()) {
    for (const s of page) {
      byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
      if (s.status !== "active") continue;
      byCadence[s.cadence] = (byCadence[s.cadence] ?? 0) + 1;
      for (const t of s.topics) byTopic[t] = (byTopic[t] ?? 0) + 1;
    }
  }
  return { byStatus, byTopic, byCadence };
}

let message = 0;
const feedback = (kind: "hard-bounce" | "complaint", id: string) =>
  applyFeedback(herald.ports, {
    eventType: kind === "complaint" ? "Complaint" : "Bounce",
    messageId: `stats-${++message}`,
    actions: [{ kind, subscriberId: id, mark: `stats-${message}#${id}` }],
    unmatched: 0,
  });

describe("the subscriber overview", () => {
  it("counts sign-ups, confirmations, unsubscribes, bounces and complaints as they happen", async () => {
    const emails = ["s1@example.org", "s2@example.org", "s3@example.org", "s4@example.org", "s5@example.org"];
    for (const email of emails) {
      expect((await subscribeRequest(herald, { email, topics: ["world", "business"] })).status).toBe(202);
    }
    // Asking again while pending is not a second sign-up.
    await subscribeRequest(herald, { email: "s1@example.org", topics: ["world"] });
    await herald.settled(); // sign-ups are recorded by the worker
    const [a, b, c, d] = emails.map(subscriberId) as [string, string, string, string];
    for (const id of [a, b, c, d]) expect(await confirm(herald.ports, id)).toBe("confirmed");
    await unsubscribe(herald.ports, a);
    await feedback("hard-bounce", b);
    await feedback("hard-bounce", b); // SNS delivers again: counted once
    await feedback("complaint", c);
    await herald.settled();

    const { totals, growth } = await stats();
    expect(growth).toHaveLength(90);
    expect(growth.at(-1)).toEqual({
      day: new Date().toISOString().slice(0, 10),
      signups: 5,
      confirmations: 4,
      // The complaint unsubscribed its sender before suppressing them: it is both.
      unsubscribes: 2,
      bounces: 1,
      complaints: 1,
    });
    expect(growth.at(-2)).toMatchObject({ signups: 0, confirmations: 0 });
    expect(totals).toEqual(await scanned());
    expect(totals.byStatus).toEqual({ pending: 1, active: 1, unsubscribed: 1, suppressed: 2 });
    expect(totals.byTopic).toMatchObject({ world: 1, business: 1, politics: 0 });
  });

  it("keeps the totals equal to a count of the table, whatever happens to whom", async () => {
    const pool = ["p1@example.org", "p2@example.org", "p3@example.org"];
    const topics = fc.subarray(herald.config.topics, { minLength: 1 });
    const cadence = fc.constantFrom("instant" as const, "daily" as const);
    const who = fc.constantFrom(...pool);
    const step = fc.oneof(
      fc.record({ op: fc.constant("subscribe"), email: who, topics, cadence }),
      fc.record({
        op: fc.constantFrom("confirm", "unsubscribe", "bounce", "complain", "erase", "lift"),
        email: who,
      }),
      fc.record({ op: fc.constant("preferences"), email: who, topics, cadence }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        for (const s of steps) {
          const id = subscriberId(s.email);
          const p = herald.ports;
          if (s.op === "subscribe" && "topics" in s)
            await applySignUp(p, {
              email: s.email,
              topics: s.topics,
              cadence: s.cadence,
              consent: { at: p.now().toISOString(), source: "api" },
            });
          else if (s.op === "preferences" && "topics" in s)
            await savePreferences(p, id, { topics: s.topics, cadence: s.cadence, resubscribe: true });
          else if (s.op === "confirm") await confirm(p, id);
          else if (s.op === "unsubscribe") await unsubscribe(p, id);
          else if (s.op === "bounce") await feedback("hard-bounce", id);
          else if (s.op === "complain") await feedback("complaint", id);
          else if (s.op === "erase") await erase(p, id);
          else if (s.op === "lift") await liftSuppression(p, id);
        }
        expect((await stats()).totals).toEqual(await scanned());
      }),
      { numRuns: 25 },
    );
  });

  it("is reset to a count of the table by the recount, after writes the counters did not see", async () => {
    const db = documentClient({
      endpoint: inject("dynamoEndpoint"),
      region: "local",
      credentials: LOCAL_CREDENTIALS,
    });
    const email = "unseen@example.org";
    const s = { id: subscriberId(email), email, status: "active", topics: ["culture"], cadence: "daily" };
    const at = new Date().toISOString();
    // Written behind the counters' back, as a pre-counter table or an expired sign-up would leave them.
    await db.send(
      new PutCommand({
        TableName: herald.config.tableName,
        Item: {
          ...keys.subscriber(s.id),
          ...s,
          consent: { at, source: "seed" },
          createdAt: at,
          updatedAt: at,
        },
      }),
    );
    expect((await stats()).totals).not.toEqual(await scanned());
    await recountSubscriberTotals(db, herald.config.tableName);
    expect((await stats()).totals).toEqual(await scanned());
    db.destroy();
  });
});
