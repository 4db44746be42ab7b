import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHARE_NETWORKS } from "../../functions/domain/share.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, TEST_PUBLIC_URL, type TestHerald } from "../helpers/herald.js";
import { sentEmails } from "../helpers/ses-store.js";
import { importRows } from "../helpers/subscription.js";

let herald: TestHerald;
let editionId: string;
let html: string;

beforeAll(async () => {
  // Untracked: this file reads the share links themselves; with tracking on they sit behind /r/ (docs/analytics.md).
  herald = await startHerald({ tracking: "off" });
  await importRows(herald, [["reader@example.org", "", "world"]]);
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: "share-1", title: "Budget & vote" })),
  );
  editionId = ((await res.json()) as { editionId: string }).editionId;
  await herald.settled();
  html = (await sentEmails(herald.sesEndpoint))[0]?.body.html ?? "";
});
afterAll(() => herald.stop());

const expectedHost: Record<string, string> = {
  x: "x.com",
  bluesky: "bsky.app",
  facebook: "www.facebook.com",
  linkedin: "www.linkedin.com",
  whatsapp: "wa.me",
  telegram: "t.me",
  reddit: "www.reddit.com",
};

describe("Spread the News links in the email", () => {
  it.each(SHARE_NETWORKS.map((n) => n.id))(
    "%s: counted, then redirected with a UTM-tagged article URL",
    async (network) => {
      const link = `${TEST_PUBLIC_URL}/v1/share/${editionId}/${network}`;
      expect(html).toContain(link);

      const res = await herald.app.request(`/v1/share/${editionId}/${network}`);

      expect(res.status).toBe(302);
      const location = res.headers.get("location") as string;
      if (network === "email") expect(location).toMatch(/^mailto:\?subject=Budget%20%26%20vote&body=/);
      else expect(new URL(location).host).toBe(expectedHost[network]);
      const shared = decodeURIComponent(location);
      expect(shared).toContain("https://news.example/us-europe-ukraine?");
      expect(shared).toContain(`utm_source=${network}`);
      expect(shared).toContain("utm_medium=share");
      expect(shared).toContain(`utm_campaign=${editionId}`);
    },
  );

  it("shows the counts per network on the edition", async () => {
    // Another reader: one client's shares count once a day (share-count-once.test.ts).
    await herald.app.request(`/v1/share/${editionId}/x`, { headers: { "x-forwarded-for": "198.51.100.77" } });
    const edition = (await (
      await herald.app.request(`/v1/editions/${editionId}`, { headers: adminHeaders() })
    ).json()) as {
      shares: Record<string, number>;
    };
    expect(edition.shares.x).toBeGreaterThanOrEqual(2);
    expect(edition.shares.reddit).toBeGreaterThanOrEqual(1);
  });

  it("answers 404 for an unknown network or edition, and counts nothing", async () => {
    expect((await herald.app.request(`/v1/share/${editionId}/myspace`)).status).toBe(404);
    expect((await herald.app.request("/v1/share/ed_0000000000000000000000/x")).status).toBe(404);
  });
});
