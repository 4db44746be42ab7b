import { ScanCommand } from "@aws-sdk/client-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planFeedback, SES_EVENT_TYPES, SesEvent } from "../../functions/domain/ses-event.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { queuedEvents } from "../helpers/ses-events.js";
import { importRows } from "../helpers/subscription.js";

let herald: TestHerald;
let editionId: string;

beforeAll(async () => {
  herald = await startHerald();
  await importRows(herald, [["ana@example.org", "Ana", "world"]]);
  const res = await herald.app.request("/v1/webhooks/articles", signedWebhook(articleBody({ id: "props" })));
  ({ editionId } = (await res.json()) as { editionId: string });
  await herald.settled();
});
afterAll(() => herald.stop());

/** Every item in the test's table, as one fingerprint: any write changes it. */
async function tableState(): Promise<string> {
  const items: unknown[] = [];
  let start: Record<string, never> | undefined;
  do {
    const out = await herald.dynamo.send(
      new ScanCommand({ TableName: herald.config.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey as typeof start;
  } while (start);
  return JSON.stringify(items.map((i) => JSON.stringify(i)).sort());
}

describe("the feedback handler never throws on bad input and never half-applies an event", () => {
  it("skips records that are not SES events without writing anything", async () => {
    const handler = herald.sesEvents.handle;
    const before = await tableState();
    const message = fc.oneof(
      fc.string(),
      fc.json(),
      fc.anything().map((v) => JSON.stringify(v) ?? "null"),
      fc.record({
        eventType: fc.oneof(fc.constantFrom(...SES_EVENT_TYPES), fc.string()),
        mail: fc.oneof(fc.constant(undefined), fc.record({ destination: fc.anything() })),
        bounce: fc.anything(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        await handler(queuedEvents(m));
      }),
      { numRuns: 150 },
    );
    // Whole events gone wrong at the SNS level too.
    await handler({} as never);
    await handler({ Records: [{}] } as never);
    await handler(null as never);
    expect(await tableState()).toBe(before);
  });

  it("applies whatever valid event it gets completely: every suppression and every mark is there", async () => {
    const handler = herald.sesEvents.handle;
    const address = fc.oneof(
      fc.constantFrom("ana@example.org", "Ana@Example.org", "nobody@example.org", "not an address", ""),
      fc.emailAddress(),
    );
    const event = fc.record({
      eventType: fc.constantFrom(...SES_EVENT_TYPES),
      mail: fc.record({
        messageId: fc.stringMatching(/^[a-z0-9-]{1,40}$/),
        destination: fc.array(address, { maxLength: 3 }),
        tags: fc.option(
          fc.record({ edition: fc.constantFrom([editionId], ["ed_0000000000000000000000"], ["x"]) }),
          {
            nil: undefined,
          },
        ),
      }),
      bounce: fc.record({
        bounceType: fc.constantFrom("Permanent", "Transient", "Undetermined"),
        bouncedRecipients: fc.array(fc.record({ emailAddress: address }), { maxLength: 3 }),
      }),
      complaint: fc.record({
        complainedRecipients: fc.array(fc.record({ emailAddress: address }), { maxLength: 3 }),
      }),
      delivery: fc.record({ recipients: fc.array(address, { maxLength: 3 }) }),
    });
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        await handler(queuedEvents(e));
        const plan = planFeedback(SesEvent.parse(e));
        const suppressing = plan.actions.filter((a) => a.kind === "hard-bounce" || a.kind === "complaint");
        const suppressed = await herald.ports.suppressions.suppressedAmong(
          suppressing.map((a) => a.subscriberId),
        );
        expect(suppressed.size).toBe(new Set(suppressing.map((a) => a.subscriberId)).size);
        for (const id of suppressed) {
          const s = await herald.ports.subscribers.get(id);
          if (s) expect(s.status).toBe("suppressed");
        }
      }),
      { numRuns: 60 },
    );
    const view = (await (
      await herald.app.request(`/v1/editions/${editionId}`, { headers: adminHeaders() })
    ).json()) as {
      counts: Record<string, number>;
    };
    for (const n of Object.values(view.counts)) expect(Number.isInteger(n) && n >= 0).toBe(true);
  });
});

describe("the resume and test-send endpoints answer random input with 4xx, never 5xx, and write nothing", () => {
  it("holds for random ids and bodies", async () => {
    const before = await tableState();
    const id = fc.oneof(
      fc.constantFrom(editionId, "ed_0000000000000000000000", "%00", "..", "ed_"),
      fc.string({ maxLength: 40 }).map(encodeURIComponent),
    );
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc.record({
        to: fc.oneof(fc.array(fc.oneof(fc.emailAddress(), fc.string()), { maxLength: 12 }), fc.anything()),
      }),
    );
    await fc.assert(
      fc.asyncProperty(id, body, fc.constantFrom("test", "resume"), async (edition, raw, action) => {
        const text = typeof raw === "string" ? raw : JSON.stringify(raw);
        const res = await herald.app.request(`/v1/editions/${edition}/${action}`, {
          method: "POST",
          headers: { ...adminHeaders(), "content-type": "application/json" },
          body: text,
        });
        expect(res.status, `${action} ${edition} ${text}`).toBeLessThan(500);
        expect([200, 202, 400, 404, 409, 413]).toContain(res.status);
        expect(res.headers.get("content-type")).toMatch(/application\/json/);
      }),
      { numRuns: 150 },
    );
    await herald.settled();
    expect(await tableState()).toBe(before);
  });
});
