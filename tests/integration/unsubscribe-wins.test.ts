import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { issueToken } from "../../functions/domain/tokens.js";
import { adminHeaders } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { importRows } from "../helpers/subscription.js";

let herald: TestHerald;
beforeAll(async () => {
  herald = await startHerald();
  await importRows(herald, [
    ["racing@example.org", "", "world"],
    ["stale-page@example.org", "", "world"],
  ]);
});
afterAll(() => herald.stop());

const token = (purpose: "unsubscribe" | "preferences", email: string) =>
  issueToken(herald.secrets.tokenKeys, purpose, subscriberId(email), 0, Math.floor(Date.now() / 1000));
const form = (body: string) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body,
});
const statusOf = async (email: string) =>
  (
    (await (await herald.app.request(`/v1/subscribers/${email}`, { headers: adminHeaders() })).json()) as {
      status?: string;
    }
  ).status;
/** The audience entries that name the subscriber: what a send would pick them from. */
async function audienceEntries(email: string) {
  const id = subscriberId(email);
  const out = await DynamoDBDocumentClient.from(herald.dynamo).send(
    new ScanCommand({ TableName: herald.config.tableName }),
  );
  return (out.Items ?? []).filter((i) => /^(AUD|BRF)#/.test(String(i.pk)) && String(i.sk).endsWith(id));
}
/** What a browser sends from the page's first form (the save form): hidden and checked fields. */
function saveForm(page: string): string {
  const inputs = (page.split("</form>")[0] ?? "").match(/<input [^>]*>/g) ?? [];
  const fields = inputs
    .filter((i) => i.includes('type="hidden"') || i.includes(" checked"))
    .map((i): [string, string] => [
      i.match(/name="([^"]*)"/)?.[1] ?? "",
      i.match(/value="([^"]*)"/)?.[1] ?? "",
    ]);
  return new URLSearchParams(fields).toString();
}

describe("unsubscribing always wins", () => {
  it("one-click unsubscribe during 24 concurrent preference saves: no 5xx, and the subscriber stays out", async () => {
    const prefs = `/v1/preferences?token=${token("preferences", "racing@example.org")}`;
    const unsubscribe = `/v1/unsubscribe?token=${token("unsubscribe", "racing@example.org")}`;
    const topics = ["world", "business", "culture", "technology"];
    const saves = Array.from({ length: 24 }, (_, i) =>
      herald.app.request(prefs, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ topics: [topics[i % 4]], cadence: i % 2 ? "daily" : "instant" }),
      }),
    );
    const leaving = herald.app.request(unsubscribe, form("List-Unsubscribe=One-Click"));

    const [left, ...saved] = await Promise.all([leaving, ...saves]);

    expect(left?.status).toBe(200);
    for (const res of saved) expect([200, 409]).toContain(res.status);
    expect(await statusOf("racing@example.org")).toBe("unsubscribed");
    expect(await audienceEntries("racing@example.org")).toEqual([]);
  }, 120_000);

  it("a save from a page loaded before the unsubscribe changes nothing; the page shown after it can subscribe again", async () => {
    const prefs = `/v1/preferences?token=${token("preferences", "stale-page@example.org")}`;
    const before = await (await herald.app.request(prefs)).text();
    expect(before).toContain("Save my choices");

    await herald.app.request(
      `/v1/unsubscribe?token=${token("unsubscribe", "stale-page@example.org")}`,
      form("List-Unsubscribe=One-Click"),
    );
    const stale = await herald.app.request(prefs, form(saveForm(before)));

    expect(stale.status).toBe(409);
    const shown = await stale.text();
    expect(shown).toContain("You unsubscribed after this page was loaded");
    expect(await statusOf("stale-page@example.org")).toBe("unsubscribed");
    expect(await audienceEntries("stale-page@example.org")).toEqual([]);

    // The reader now sees "Subscribe again" and chooses it.
    const again = await herald.app.request(prefs, form(saveForm(shown)));
    expect(again.status).toBe(200);
    expect(await statusOf("stale-page@example.org")).toBe("active");
    expect(await audienceEntries("stale-page@example.org")).not.toEqual([]);
  }, 60_000);

  it("a JSON save without `resubscribe` does not bring an unsubscribed reader back; with it, it does", async () => {
    const prefs = `/v1/preferences?token=${token("preferences", "stale-page@example.org")}`;
    await herald.app.request(prefs, form("action=unsubscribe"));
    const json = (body: object) => ({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

    const refused = await herald.app.request(prefs, json({ topics: ["world"], cadence: "daily" }));
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("conflict");
    expect(await statusOf("stale-page@example.org")).toBe("unsubscribed");

    const back = await herald.app.request(
      prefs,
      json({ topics: ["world"], cadence: "daily", resubscribe: true }),
    );
    expect(back.status).toBe(200);
    expect(await statusOf("stale-page@example.org")).toBe("active");
  }, 60_000);
});
