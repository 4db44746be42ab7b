import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EveryEmail, sendEveryEmail } from "../helpers/every-email.js";
import { startHerald, TEST_PUBLIC_URL, type TestHerald } from "../helpers/herald.js";
import { follow } from "../helpers/tracked-email.js";

// The daily briefing as a reader meets it: a "View in browser" link to a web version of their own
// topic combination, and each story's share links.
let clock = new Date("2026-11-24T09:00:00Z");
let herald: TestHerald;
let sent: EveryEmail;

beforeAll(async () => {
  herald = await startHerald({}, { now: () => clock });
  sent = await sendEveryEmail(herald, (iso) => {
    clock = new Date(iso);
  });
});
afterAll(() => herald?.stop());

const viewInBrowser = (html: string) => html.match(/<a href="([^"]+)"[^>]*>View in browser<\/a>/)?.[1];

/** Where a link of the HTML part takes the reader: through Herald's tracked redirect when it is one. */
const destination = async (href: string) =>
  href.startsWith(`${TEST_PUBLIC_URL}/r/`) ? follow(herald, href) : href;

describe("the briefing's web version", () => {
  it("is linked from the email and shows the reader's combination, without their links", async () => {
    const { html = "", text = "" } = sent.emails.briefing.body;
    const link = await destination(viewInBrowser(html) ?? "");
    expect(link).toBe(`${TEST_PUBLIC_URL}/v1/briefings/${sent.briefingId}/web/politics,world`);
    expect(text).toContain(`View in your browser: ${link}`);

    const res = await herald.app.request(new URL(link ?? "").pathname + new URL(link ?? "").search);
    expect(res.status).toBe(200);
    const page = await res.text();
    for (const title of ["US Seeks European Input", "Parliament passes the budget", "Floods ease"])
      expect(page).toContain(title);
    expect(page).not.toMatch(/\{\{|Unsubscribe|View in browser/);
  });

  it("is the same page whatever the order of the topics, and a 404 page for a combination nobody got", async () => {
    const path = `/v1/briefings/${sent.briefingId}/web`;
    const a = await herald.app.request(`${path}/world,politics`);
    const b = await herald.app.request(`${path}/politics,world`);
    expect(a.status).toBe(200);
    expect(await a.text()).toBe(await b.text());
    for (const bad of ["/culture", "/", "/%3Cscript%3E", ""])
      expect((await herald.app.request(`${path}${bad}`)).status).toBe(404);
    expect((await herald.app.request("/v1/briefings/nope/web/world")).status).toBe(404);
  });
});

describe("the briefing email", () => {
  it("gives every story a share line through Herald's counted share links", async () => {
    const html = sent.emails.briefing.body.html ?? "";
    const hrefs = [...html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1] as string);
    const links = (await Promise.all(hrefs.map(destination))).join("\n");
    const shares = [...links.matchAll(/\/v1\/share\/(ed_\w+)\/x$/gm)].map((m) => m[1]);
    expect(shares).toHaveLength(4);
    expect(new Set(shares).size).toBe(4);
    expect(links).toContain(`/v1/share/${sent.editionId}/whatsapp`);
  });

  it("shows every thumbnail over https", () => {
    const html = sent.emails.briefing.body.html ?? "";
    const sources = [...html.matchAll(/<img\b[^>]*\ssrc="([^"]*)"/g)].map((m) => m[1]);
    expect(sources).toContain("https://news.example/night-bus.jpg");
    for (const src of sources) expect(src).toMatch(/^https:\/\//);
  });
});
