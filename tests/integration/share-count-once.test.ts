import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamoEditionRepo } from "../../functions/adapters/dynamo/edition-repo.js";
import { shareOnce } from "../../functions/domain/share-count.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";

let herald: TestHerald;
let editionId: string;
beforeAll(async () => {
  herald = await startHerald();
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: "count-once-1", title: "Counted once" })),
  );
  editionId = ((await res.json()) as { editionId: string }).editionId;
  await herald.settled();
});
afterAll(() => herald.stop());

const share = (network: string, client: string) =>
  herald.app.request(`/v1/share/${editionId}/${network}`, { headers: { "x-forwarded-for": client } });
const shares = async () =>
  (
    (await (await herald.app.request(`/v1/editions/${editionId}`, { headers: adminHeaders() })).json()) as {
      shares: Record<string, number>;
    }
  ).shares;

describe("share counts", () => {
  it("count one client's loop of GETs once, and every other client or network on its own", async () => {
    for (let i = 0; i < 25; i++) expect((await share("x", "203.0.113.7")).status).toBe(302);
    await share("x", "203.0.113.8");
    await share("reddit", "203.0.113.7");

    expect(await shares()).toMatchObject({ x: 2, reddit: 1 });
  });

  it("count once across processes too: a fresh process finds the mark in DynamoDB", async () => {
    const before = (await shares()).x;
    const fresh = dynamoEditionRepo(DynamoDBDocumentClient.from(herald.dynamo), herald.config.tableName);

    await fresh.countShare(
      editionId,
      "x",
      shareOnce("203.0.113.7", editionId, "x", Math.floor(Date.now() / 1000)),
    );

    expect((await shares()).x).toBe(before);
  });
});
