import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { issueToken } from "../../functions/domain/tokens.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { importRows } from "../helpers/subscription.js";

let herald: TestHerald;
beforeAll(async () => {
  herald = await startHerald();
  await importRows(herald, [["fuzzed@example.org", "", "world"]]);
});
afterAll(() => herald.stop());

/** Subscriber and audience items: what a partial write would leave behind. */
async function subscriberItems() {
  const out = await DynamoDBDocumentClient.from(herald.dynamo).send(
    new ScanCommand({ TableName: herald.config.tableName }),
  );
  return (out.Items ?? []).filter((i) => /^(SUB|AUD)#/.test(String(i.pk)));
}

const contentTypes = fc.constantFrom(
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "text/plain",
  "",
);
const bodies = fc.oneof(
  fc.json(),
  fc.string(),
  fc
    .record(
      {
        email: fc.oneof(fc.emailAddress(), fc.string()),
        topics: fc.array(fc.oneof(fc.constantFrom("world", "culture"), fc.string())),
        cadence: fc.oneof(fc.constantFrom("instant", "daily"), fc.string()),
        name: fc.string(),
      },
      { requiredKeys: [] },
    )
    .map((b) => JSON.stringify(b)),
  fc
    .array(fc.tuple(fc.constantFrom("email", "topics", "cadence", "name", "action"), fc.string()), {
      maxLength: 6,
    })
    .map((pairs) => new URLSearchParams(pairs).toString()),
);

describe("properties: random sign-ups and preference changes never get a 5xx or a partial write", () => {
  it("POST /v1/subscribers with random bodies and headers", async () => {
    await fc.assert(
      fc.asyncProperty(bodies, contentTypes, fc.ipV4(), async (body, type, ip) => {
        // Sign-ups are decided by the queue's worker: let earlier ones land before counting.
        await herald.settled();
        const before = (await subscriberItems()).length;
        const res = await herald.app.request("/v1/subscribers", {
          method: "POST",
          headers: { "content-type": type, "x-forwarded-for": ip },
          body,
        });
        expect(res.status).toBeLessThan(500);
        await herald.settled();
        if (res.status !== 202) expect((await subscriberItems()).length).toBe(before);
        else expect(await res.json()).toEqual({ status: "pending" });
      }),
      { numRuns: 50 },
    );
  });

  it("POST /v1/preferences with random bodies, headers and tokens", async () => {
    const good = issueToken(
      herald.secrets.tokenKeys,
      "preferences",
      subscriberId("fuzzed@example.org"),
      0,
      Math.floor(Date.now() / 1000),
    );
    const tokens = fc.oneof(fc.constant(good), fc.string(), fc.constant(`${good}x`));
    await fc.assert(
      fc.asyncProperty(bodies, contentTypes, tokens, async (body, type, token) => {
        const before = JSON.stringify((await subscriberItems()).map((i) => [i.pk, i.sk]).sort());
        const res = await herald.app.request(`/v1/preferences?token=${encodeURIComponent(token)}`, {
          method: "POST",
          headers: { "content-type": type },
          body,
        });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400)
          expect(JSON.stringify((await subscriberItems()).map((i) => [i.pk, i.sk]).sort())).toBe(before);
      }),
      { numRuns: 50 },
    );
  });
});
