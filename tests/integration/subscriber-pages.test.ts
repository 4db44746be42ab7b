import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriberId } from "../../functions/domain/subscriber.js";
import { issueToken } from "../../functions/domain/tokens.js";
import { adminHeaders } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { importRows, inbox, subscribeRequest } from "../helpers/subscription.js";

let herald: TestHerald;
beforeAll(async () => {
  herald = await startHerald();
  await importRows(herald, [
    ["prefs@example.org", "", "world"],
    ["tokens@example.org", "", "world"],
    ["erase-me@example.org", "Erin Example", "world|culture"],
  ]);
});
afterAll(() => herald.stop());

const now = () => Math.floor(Date.now() / 1000);
const token = (purpose: "unsubscribe" | "confirm" | "preferences", email: string, ttl = 0, at = now()) =>
  issueToken(herald.secrets.tokenKeys, purpose, subscriberId(email), ttl, at);
const statusOf = async (email: string) =>
  (
    (await (await herald.app.request(`/v1/subscribers/${email}`, { headers: adminHeaders() })).json()) as {
      status?: string;
    }
  ).status;
const form = (body: string) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body,
});

describe("tokens in links", () => {
  it.each([
    ["forged", () => "u.00000000000000000000000000000000.dev1.0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["wrong purpose", () => token("preferences", "tokens@example.org")],
    [
      "tampered",
      () => token("unsubscribe", "tokens@example.org").replace(/.$/, (c) => (c === "A" ? "B" : "A")),
    ],
    [
      "signed with an unknown key",
      () =>
        issueToken(
          { current: "k9", keys: { k9: "someone-elses-key" } },
          "unsubscribe",
          subscriberId("tokens@example.org"),
          0,
          now(),
        ),
    ],
  ])("a %s unsubscribe token gets a 4xx page and changes nothing", async (_, make) => {
    const res = await herald.app.request(
      `/v1/unsubscribe?token=${make()}`,
      form("List-Unsubscribe=One-Click"),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await statusOf("tokens@example.org")).toBe("active");
  });

  it("an expired confirmation link gets a 4xx page and confirms nothing", async () => {
    await subscribeRequest(herald, { email: "late@example.org" });
    await herald.settled();
    const expired = token("confirm", "late@example.org", 60, now() - 3600);
    const res = await herald.app.request(`/v1/confirm?token=${expired}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("not valid any more");
    expect(await statusOf("late@example.org")).toBe("pending");
  });

  it("stores a pending sign-up with a TTL, so an unconfirmed address is forgotten within a week", async () => {
    const items =
      (
        await DynamoDBDocumentClient.from(herald.dynamo).send(
          new ScanCommand({ TableName: herald.config.tableName }),
        )
      ).Items ?? [];
    const pending = items.find((i) => i.pk === `SUB#${subscriberId("late@example.org")}`);
    expect(pending?.ttl).toBeGreaterThan(now() + 6 * 86400);
    expect(pending?.ttl).toBeLessThanOrEqual(now() + 7 * 86400);
  });

  it("an unsubscribe token cannot confirm, and a preferences token cannot unsubscribe", async () => {
    expect(
      (await herald.app.request(`/v1/confirm?token=${token("unsubscribe", "late@example.org")}`)).status,
    ).toBe(400);
    expect(
      (
        await herald.app.request(
          `/v1/unsubscribe?token=${token("preferences", "tokens@example.org")}`,
          form("List-Unsubscribe=One-Click"),
        )
      ).status,
    ).toBe(400);
    expect(await statusOf("late@example.org")).toBe("pending");
  });
});

describe("the preference center", () => {
  it("shows the subscriber's choices and saves new ones, moving them between audiences", async () => {
    const url = `/v1/preferences?token=${token("preferences", "prefs@example.org")}`;
    const page = await (await herald.app.request(url)).text();
    expect(page).toMatch(/value="world" checked/);
    expect(page).toMatch(/value="instant" checked/);

    const res = await herald.app.request(
      url,
      form("action=save&topics=business&topics=culture&cadence=daily"),
    );

    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Your choices are saved");
    const saved = (await (
      await herald.app.request("/v1/subscribers/prefs@example.org", { headers: adminHeaders() })
    ).json()) as { topics: string[]; cadence: string };
    expect(saved).toMatchObject({ topics: ["business", "culture"], cadence: "daily" });
  });

  it("refuses unknown topics with a 400 and changes nothing", async () => {
    const url = `/v1/preferences?token=${token("preferences", "prefs@example.org")}`;
    const res = await herald.app.request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"topics":["sport"],"cadence":"daily"}',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: Array<{ path: string }> } }).error.issues[0]?.path).toBe(
      "topics.0",
    );
  });

  it("unsubscribes from everything", async () => {
    const url = `/v1/preferences?token=${token("preferences", "prefs@example.org")}`;
    await herald.app.request(url, form("action=unsubscribe"));
    expect(await statusOf("prefs@example.org")).toBe("unsubscribed");
  });
});

describe("sign-up limits", () => {
  it("sends at most one confirmation per address per 10 minutes", async () => {
    for (let i = 0; i < 3; i++) await subscribeRequest(herald, { email: "eager@example.org" });
    await herald.settled();
    expect(await inbox(herald, "eager@example.org")).toHaveLength(1);
  });

  it("answers 429 with Retry-After past the per-client limit", async () => {
    const answers = [];
    // 41 in a row: even if a minute boundary splits them, one window holds more than 20.
    for (let i = 0; i < 41; i++)
      answers.push(await subscribeRequest(herald, { email: `flood${i}@example.org` }, "192.0.2.99"));
    const limited = answers.find((r) => r.status === 429);
    if (!limited) throw new Error("41 sign-ups from one client were not limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  });
});

describe("erasure and suppression", () => {
  it("erases everything but the hash, and the address stays suppressed through a new sign-up", async () => {
    const id = subscriberId("erase-me@example.org");
    const res = await herald.app.request("/v1/subscribers/erase-me@example.org", {
      method: "DELETE",
      headers: adminHeaders(),
    });
    expect(res.status).toBe(200);

    const items =
      (
        await DynamoDBDocumentClient.from(herald.dynamo).send(
          new ScanCommand({ TableName: herald.config.tableName }),
        )
      ).Items ?? [];
    const dump = JSON.stringify(items);
    expect(dump).not.toContain("erase-me@example.org");
    expect(dump).not.toContain("Erin Example");
    expect(items.filter((i) => JSON.stringify(i).includes(id)).map((i) => i.pk)).toEqual([`SUPP#${id}`]);
    expect(
      (await herald.app.request("/v1/subscribers/erase-me@example.org", { headers: adminHeaders() })).status,
    ).toBe(404);

    // Signing up again is answered as always, but nothing is stored and nothing is mailed.
    expect((await subscribeRequest(herald, { email: "erase-me@example.org" })).status).toBe(202);
    await herald.settled();
    expect(await inbox(herald, "erase-me@example.org")).toHaveLength(0);
    expect(
      (await herald.app.request("/v1/subscribers/erase-me@example.org", { headers: adminHeaders() })).status,
    ).toBe(404);

    // Until an admin lifts the suppression.
    expect(
      (
        await herald.app.request("/v1/suppressions/erase-me@example.org", {
          method: "DELETE",
          headers: adminHeaders(),
        })
      ).status,
    ).toBe(200);
    await subscribeRequest(herald, { email: "erase-me@example.org" });
    await herald.settled();
    expect(await inbox(herald, "erase-me@example.org")).toHaveLength(1);
  });
});
