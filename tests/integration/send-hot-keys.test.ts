import { afterAll, describe, expect, it } from "vitest";
import type { WireDocumentClient } from "../../functions/adapters/dynamo/json-document-client.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { countKeyWrites, type KeyTally, keyLoadsAt, sendKeyCosts } from "../helpers/key-writes.js";
import { seedSubscribers } from "../helpers/seed.js";
import { countByRecipient, sentEmails } from "../helpers/ses-store.js";

/**
 * No key of the table takes more writes than one DynamoDB partition serves (1,000 write units a
 * second) when Herald sends 10,000 recipients a second. Every write request of two real sends (300
 * and 1,300 recipients) is counted per key by a wire interceptor on the runtime's DynamoDB client;
 * what the larger send wrote more, per recipient, times 10,000 is each key's load. A count, not a
 * timing: the machine's speed does not enter it.
 */
const SMALL = 300;
const LARGE = 1_300;
const RATE = 10_000;
const PARTITION_UNITS = 1_000;
/** About a newsroom story's length: the edition item's size is what each write to it costs. */
const BODY = `<p>${"MUNICH — The United States has reached out to its European allies. ".repeat(64)}</p>`;

let herald: TestHerald | undefined;
let client: WireDocumentClient | undefined;
let writes: Map<string, KeyTally> | undefined;
/** Each BatchGet's consistency and the kinds of key it named (`SUB#`, `ED#`, …). */
const batchReads: Array<{ consistent: boolean; kinds: string[] }> = [];
afterAll(async () => herald?.stop());

type BatchRead = { Keys: Array<{ pk: { S: string } }>; ConsistentRead?: boolean };
type View = { status: string; counts: Record<string, number>; sendRate: Array<{ sent: number }> };

async function send(h: TestHerald, id: string, topics: string[]) {
  writes?.clear();
  const res = await h.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id, topics, bodyHtml: BODY })),
  );
  const { editionId } = (await res.json()) as { editionId: string };
  await h.settled();
  const costs = await sendKeyCosts(
    client as WireDocumentClient,
    h.config.tableName,
    writes as Map<string, KeyTally>,
    editionId,
  );
  const view = (await (
    await h.app.request(`/v1/editions/${editionId}`, { headers: adminHeaders() })
  ).json()) as View;
  return { editionId, costs, view };
}

describe("send counters at AWS scale", () => {
  it("keeps every key under a partition's write units at 10,000 recipients a second, counts exact", async () => {
    herald = await startHerald(
      {},
      {
        sendConcurrency: 8,
        // No redelivery of a message still being worked on (the harness's 50 ms would, on a loaded
        // machine): what is counted is one send's own writes, not a race's.
        queue: { visibilityTimeoutMs: 60_000 },
        configureDynamo: (db) => {
          client = db;
          writes = countKeyWrites(db);
          db.intercept((call, next) => {
            if (call.operation === "BatchGetItem") {
              for (const r of Object.values(call.input.RequestItems as Record<string, BatchRead>)) {
                const kinds = new Set(r.Keys.map((k) => k.pk.S.replace(/#.*/, "#")));
                batchReads.push({ consistent: r.ConsistentRead === true, kinds: [...kinds] });
              }
            }
            return next(call);
          });
        },
      },
    );
    const emails = await seedSubscribers(herald.ports, LARGE, (i) =>
      i < SMALL ? ["world", "politics"] : ["politics"],
    );

    const small = await send(herald, "hot-keys-small", ["world"]);
    const large = await send(herald, "hot-keys-large", ["politics"]);
    const loads = keyLoadsAt(
      RATE,
      { costs: small.costs, recipients: SMALL },
      { costs: large.costs, recipients: LARGE },
    );

    const [busiest] = loads;
    expect(busiest?.unitsPerSecond, JSON.stringify(loads.slice(0, 3))).toBeLessThanOrEqual(PARTITION_UNITS);
    // The edition item no longer moves with every chunk (it took two writes per chunk: the record and
    // the completion try); only planning checkpoints, one per ten chunks of a partition, still scale.
    const edition = loads.find((l) => l.key === "ED#<id> EDITION");
    expect(edition?.writesPerSecond, JSON.stringify(edition)).toBeLessThan(RATE / 50 / 2);

    // Exactly once still, and every reader sums the shards: one view, the list, the chart.
    const inbox = countByRecipient(await sentEmails(herald.sesEndpoint));
    expect([...inbox.keys()].sort()).toEqual([...emails].sort());
    expect(inbox.get(emails[0] as string)).toBe(2);
    expect([...inbox.values()].filter((n) => n === 2)).toHaveLength(SMALL);
    for (const [{ view }, n] of [
      [small, SMALL],
      [large, LARGE],
    ] as const) {
      expect(view).toMatchObject({ status: "sent", counts: { planned: n, sent: n, failed: 0, unknown: 0 } });
      expect(view.sendRate.reduce((total, m) => total + m.sent, 0)).toBe(n);
    }
    const list = (await (await herald.app.request("/v1/editions", { headers: adminHeaders() })).json()) as {
      editions: Array<{ id: string; counts: Record<string, number> }>;
    };
    expect(list.editions.find((e) => e.id === large.editionId)?.counts).toEqual(large.view.counts);

    // Recipients are read eventually consistent (half the units), never in one request with the
    // edition's progress, which stays strongly consistent: it is the fence of a pause or a cancel.
    const recipients = batchReads.filter((r) => r.kinds.includes("SUB#") || r.kinds.includes("SUPP#"));
    const progress = batchReads.filter((r) => r.kinds.length === 1 && r.kinds[0] === "ED#");
    expect(recipients.length).toBeGreaterThanOrEqual(LARGE / 50);
    expect(recipients.filter((r) => r.consistent || r.kinds.includes("ED#")).slice(0, 3)).toEqual([]);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.filter((r) => !r.consistent).slice(0, 3)).toEqual([]);
  }, 300_000);
});
