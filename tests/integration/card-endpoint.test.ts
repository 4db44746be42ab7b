import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, TEST_PUBLIC_URL, type TestHerald } from "../helpers/herald.js";
import { solidPng } from "../helpers/images.js";

let herald: TestHerald;
/** An edition with a stored card, and one without (this Herald draws no cards itself). */
let withCard: string;
let withoutCard: string;
const CARD = solidPng(1200, 630, "#b3261e");

async function publish(id: string) {
  const res = await herald.app.request("/v1/webhooks/articles", signedWebhook(articleBody({ id })));
  return ((await res.json()) as { editionId: string }).editionId;
}

const getCard = (editionId: string, headers: Record<string, string> = {}) =>
  herald.app.request(`/v1/editions/${editionId}/card.png`, { headers });

beforeAll(async () => {
  herald = await startHerald();
  withCard = await publish("card-endpoint-1");
  withoutCard = await publish("card-endpoint-2");
  await herald.settled();
  await herald.ports.cards.put(withCard, CARD);
});
afterAll(() => herald.stop());

describe("GET /v1/editions/{id}/card.png", () => {
  it("serves the stored card to anyone, as a PNG cached for good, with an ETag", async () => {
    // Act: no admin key.
    const res = await getCard(withCard);

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(Buffer.from(await res.arrayBuffer()).equals(CARD)).toBe(true);
  });

  it.each([
    ["its own ETag", (etag: string) => etag],
    ["its ETag marked weak", (etag: string) => `W/${etag}`],
    ["a list holding its ETag", (etag: string) => `"older", ${etag}`],
    ["*", () => "*"],
  ])("answers 304 without a body to If-None-Match with %s", async (_, ifNoneMatch) => {
    // Prepare
    const etag = (await getCard(withCard)).headers.get("etag") as string;

    // Act
    const res = await getCard(withCard, { "if-none-match": ifNoneMatch(etag) });

    // Assess
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    expect(res.headers.get("etag")).toBe(etag);
    expect(res.headers.get("cache-control")).toContain("immutable");
  });

  it("sends the card again for an ETag that is not its own", async () => {
    // Act
    const res = await getCard(withCard, { "if-none-match": '"something-else"' });

    // Assess
    expect(res.status).toBe(200);
  });

  it.each([
    ["an edition without a card", () => withoutCard, "this edition has no card"],
    ["an unknown edition", () => "ed_0000000000000000000000", "no such edition"],
  ])("answers 404 JSON, not to be cached, for %s", async (_, editionId, message) => {
    // Act
    const res = await getCard(editionId());

    // Assess
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ error: { code: "not_found", message } });
  });

  it("answers 400 JSON for a malformed edition id", async () => {
    // Act
    const res = await getCard("not-an-edition");

    // Assess
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_request" } });
  });

  it("is where the web version's og:image points", async () => {
    // Act
    const page = await (await herald.app.request(`/v1/editions/${withCard}/web`)).text();

    // Assess
    const image = /<meta property="og:image" content="([^"]+)"/.exec(page)?.[1] as string;
    expect(image).toBe(`${TEST_PUBLIC_URL}/v1/editions/${withCard}/card.png`);
    expect((await herald.app.request(new URL(image).pathname)).status).toBe(200);
  });
});
