import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCmsHerald, WORDPRESS, withPost } from "../fixtures/feeds/cms-requests.js";

let cms: Awaited<ReturnType<typeof startCmsHerald>>;
beforeAll(async () => {
  cms = await startCmsHerald();
});
afterAll(() => cms.herald.stop());

describe("properties: random signed bodies never get a 5xx, and a 4xx records nothing", () => {
  const anything = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
    fc.webUrl(),
    fc.json(),
  );
  const dates = fc.oneof(
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.string(),
    fc.constant(null),
  );

  async function check(send: (raw: string) => Response | Promise<Response>, bodies: fc.Arbitrary<string>) {
    await fc.assert(
      fc.asyncProperty(bodies, async (raw) => {
        const before = await cms.editionCount();
        const res = await send(raw);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(await cms.editionCount()).toBe(before);
      }),
      { numRuns: 50 },
    );
    await cms.herald.settled();
  }

  it("Ghost", async () => {
    const current = fc.record(
      {
        id: fc.oneof(fc.stringMatching(/^[a-f0-9]{24}$/), anything),
        title: fc.oneof(fc.string({ maxLength: 400 }), anything),
        url: fc.oneof(fc.webUrl(), anything),
        published_at: dates,
        tags: fc.oneof(
          fc.array(fc.record({ name: fc.string(), visibility: fc.constantFrom("public", "internal") })),
          anything,
        ),
        feature_image: fc.oneof(fc.webUrl(), anything),
        status: fc.constantFrom("published", "draft", "scheduled"),
      },
      { requiredKeys: [] },
    );
    const bodies = fc.oneof(
      current.map((fields) => JSON.stringify(withPost(fields))),
      fc.json(),
      fc.string(),
    );
    await check((raw) => cms.ghost(raw), bodies);
  });

  it("WordPress", async () => {
    const post = fc.record(
      {
        id: fc.oneof(fc.integer({ min: 1, max: 1e9 }), anything),
        date_gmt: fc.oneof(dates, fc.constant("2025-02-15T09:00:00")),
        link: fc.oneof(fc.webUrl(), anything),
        title: fc.oneof(fc.record({ rendered: fc.string({ maxLength: 400 }) }), anything),
        _embedded: fc.oneof(fc.constant(WORDPRESS._embedded), anything),
        status: fc.constantFrom("publish", "draft", "private"),
      },
      { requiredKeys: [] },
    );
    const bodies = fc.oneof(
      post.map((fields) => JSON.stringify({ ...WORDPRESS, ...fields })),
      fc.json(),
      fc.string(),
    );
    await check((raw) => cms.wordpress(raw), bodies);
  });
});
