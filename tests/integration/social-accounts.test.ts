import { afterEach, describe, expect, it } from "vitest";
import { adminHeaders } from "../helpers/factories.js";
import { scriptedAdapter } from "../helpers/social/scripted-adapter.js";
import { HARNESS_START, socialHarness } from "../helpers/social/social-harness.js";

type Harness = Awaited<ReturnType<typeof socialHarness>>;
let harness: Harness | undefined;
afterEach(() => harness?.stop());

async function accounts(h: Harness) {
  const res = await h.app.request("/v1/social/accounts", { headers: adminHeaders() });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accounts: Array<Record<string, unknown>> }).accounts;
}

describe("social accounts that need a person", () => {
  it("dead credentials fail the post, flag the account in /v1/social/accounts, and a later post clears it", async () => {
    // Prepare
    const reason = "The access token has been revoked (invalid_token)";
    const x = scriptedAdapter("x", "@news", { publish: [{ kind: "auth", message: reason }] });
    const bluesky = scriptedAdapter("bluesky", "news.example");
    harness = await socialHarness([x.adapter, bluesky.adapter]);
    const first = await harness.edition();
    const second = await harness.edition();

    // Act
    await harness.post(first);
    const flagged = await accounts(harness);
    const res = await harness.app.request(`/v1/editions/${first}`, { headers: adminHeaders() });
    const edition = (await res.json()) as { social: Array<Record<string, unknown>> };
    harness.advance(3_600_000);
    await harness.post(second);
    const cleared = await accounts(harness);

    // Assess
    expect(flagged).toEqual([
      {
        network: "x",
        account: "@news",
        status: "needs_attention",
        reason,
        since: new Date(HARNESS_START).toISOString(),
      },
      { network: "bluesky", account: "news.example", status: "ok" },
    ]);
    expect(edition.social.find((s) => s.network === "x")).toMatchObject({ status: "failed", error: reason });
    expect(edition.social.find((s) => s.network === "bluesky")).toMatchObject({ status: "posted" });
    expect(cleared.map((a) => a.status)).toEqual(["ok", "ok"]);
    expect(x.calls.publish).toHaveLength(2);
  });

  it("requires the admin key", async () => {
    // Prepare
    harness = await socialHarness([]);

    // Act
    const res = await harness.app.request("/v1/social/accounts");

    // Assess
    expect(res.status).toBe(401);
  });

  it("a job for an account taken out of the settings fails its post with a reason, and calls nobody", async () => {
    // Prepare
    const x = scriptedAdapter("x", "@news");
    harness = await socialHarness([x.adapter]);
    const id = await harness.edition();
    const at = harness.now().toISOString();
    await harness.ports.socialIntents.create({
      ...{ editionId: id, network: "x", account: "@old", status: "pending", attempts: 0, unresolved: 0 },
      ...{ errors: [], createdAt: at, updatedAt: at, version: 0 },
    });

    // Act
    await harness.ports.socialQueue.send([{ editionId: id, network: "x", account: "@old" }]);
    await harness.runDue();

    // Assess
    expect(await harness.ports.socialIntents.get(id, "x", "@old")).toMatchObject({
      status: "failed",
      error: expect.stringContaining("no longer configured"),
    });
    expect(x.calls.publish).toHaveLength(0);
  });
});
