import { readFileSync } from "node:fs";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { httpFeedFetcher } from "../../functions/adapters/feeds/http-fetcher.js";
import { signGhost } from "../../functions/domain/cms/ghost-signature.js";
import type { FeedSource } from "../../functions/domain/cms/sources.js";
import { escapeHtml } from "../../functions/domain/text.js";
import { pollFeed } from "../../functions/flows/poll-feeds.js";
import { type FeedServer, startFeedServer } from "../fixtures/feeds/feed-server.js";
import { adminHeaders, csv, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { clearEmails, emlOf, sentEmails } from "../helpers/ses-store.js";

/**
 * Inputs from the wild (feeds as real sites serve them, Ghost's and WordPress's own payloads) through
 * the local runtime to the email in the SES stand-in, read back with mailparser.
 */

const bytes = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));
const text = (name: string) => bytes(name).toString("utf8");
const json = (name: string) => JSON.parse(text(name));
const GHOST = json("ghost-post-published.json");
const WORDPRESS = json("wordpress-post.json");

let server: FeedServer;
let herald: TestHerald;
const fetcher = httpFeedFetcher({ timeoutMs: 5_000 });
const feed = (path: string): FeedSource => ({
  url: `${server.base}${path}`,
  topicMap: {},
  defaultTopic: "world",
});

beforeAll(async () => {
  server = await startFeedServer();
  herald = await startHerald({
    sources: {
      feeds: [],
      pollMinutes: 0,
      topicMap: { "News & Politics": "politics", "Local Politics": "politics" },
    },
  });
  const res = await herald.app.request("/v1/subscribers/import", {
    method: "POST",
    headers: { ...adminHeaders(), "content-type": "text/csv" },
    body: csv([["ana@example.org", "Ana", "world|politics"]]),
  });
  expect(await res.json()).toMatchObject({ imported: 1 });
}, 60_000);

afterAll(async () => {
  await herald?.stop();
  await server?.stop();
});

beforeEach(() => clearEmails(herald.sesEndpoint));

/** The one email sent since the last clear, parsed as a mail client parses it. */
async function onlyEmail() {
  await herald.settled();
  const emails = await sentEmails(herald.sesEndpoint);
  expect(emails).toHaveLength(1);
  return simpleParser(await emlOf(herald.sesEndpoint, (emails[0] as { messageId: string }).messageId));
}

/** Primes the feed with `first`, then serves `then`; the second poll's report. */
async function publishNew(
  path: string,
  first: string | Uint8Array,
  then: string | Uint8Array,
  contentType?: string,
) {
  server.routes.set(path, { body: first, contentType });
  const primed = await pollFeed(herald.ports, fetcher, feed(path));
  expect(primed).toMatchObject({ outcome: "primed" });
  server.routes.set(path, { body: then, contentType });
  return pollFeed(herald.ports, fetcher, feed(path));
}

describe("feeds as real sites serve them", () => {
  it("a Latin-1 feed without a declaration, served without a charset: the subject has no U+FFFD", async () => {
    const whole = bytes("real-world/latin1-undeclared.xml");
    const latin1 = whole.toString("latin1");
    const second = latin1.indexOf("    <item>", latin1.indexOf("</item>"));
    const older = Buffer.from(
      latin1.slice(0, second) + latin1.slice(latin1.indexOf("</item>", second) + 8),
      "latin1",
    );

    const report = await publishNew("/echo.xml", older, whole, "text/xml");

    expect(report.published).toHaveLength(1);
    const mail = await onlyEmail();
    expect(mail.subject).toBe("Café-théâtre – „Ça ira“ : 12 € l’entrée");
    expect(mail.html).toContain(escapeHtml("Café-théâtre – „Ça ira“ : 12 € l’entrée"));
  });

  it("a podcast feed with blank lines before <?xml is read, not failed", async () => {
    const podcast = text("real-world/podcast-leading-blank-lines.xml");
    const newest = podcast.indexOf("    <item>");
    const older = podcast.slice(0, newest) + podcast.slice(podcast.indexOf("</item>", newest) + 8);

    const report = await publishNew("/podcast.xml", older, podcast);

    expect(report).toMatchObject({ outcome: "polled", published: [expect.anything()] });
    expect((await onlyEmail()).subject).toBe("Episode 412: The night train, explained");
  });

  it("a WordPress feed with a bare & and a broken item: the others are published, the broken one reported", async () => {
    const broken = text("real-world/wordpress-broken-items.xml");
    const firstItem = broken.indexOf("\t<item>");
    const older = broken.slice(0, firstItem) + broken.slice(broken.indexOf("</item>", firstItem) + 8);

    const report = await publishNew("/valley.xml", older, broken, "application/rss+xml; charset=UTF-8");

    expect(report).toMatchObject({
      outcome: "polled",
      published: [expect.anything()],
      skipped: [{ reason: expect.stringMatching(/^not well-formed XML \(.*letters-parking/) }],
      repairs: [expect.stringMatching(/read item by item/)],
    });
    expect((await onlyEmail()).subject).toBe("Bridge reopens after three weeks of repairs");
  });

  it("Atom with prefixed entries is primed with its entries, not as an empty feed", async () => {
    server.routes.set("/observatory.atom", {
      body: text("real-world/atom-prefixed-entries.xml"),
      contentType: "application/atom+xml",
    });
    const prefixedFeed = text("real-world/atom-prefixed.xml");
    server.routes.set("/cityhall.atom", { body: prefixedFeed, contentType: "application/atom+xml" });

    expect(await pollFeed(herald.ports, fetcher, feed("/observatory.atom"))).toMatchObject({
      outcome: "primed",
      recorded: 2,
    });
    expect(await pollFeed(herald.ports, fetcher, feed("/cityhall.atom"))).toMatchObject({
      outcome: "primed",
      recorded: 2,
    });
  });
});

describe("Ghost titles are plain text, end to end", () => {
  const ghost = async (fields: Record<string, unknown>) => {
    const raw = JSON.stringify({ post: { ...GHOST.post, current: { ...GHOST.post.current, ...fields } } });
    const res = await herald.app.request("/v1/webhooks/ghost", {
      method: "POST",
      body: raw,
      headers: {
        "content-type": "application/json",
        "x-ghost-signature": signGhost("dev-webhook-secret", raw, Date.now()),
      },
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { editionId: string }).editionId;
  };

  it.each([
    ["67b05c2f8e1a4d0001a3d001", "Using the <dialog> element & “popover” in 2025"],
    ["67b05c2f8e1a4d0001a3d002", "Escaping &amp; in HTML, explained"],
  ])(
    "post %s: the subject, the email, its text part and the web version show %j as written",
    async (id, title) => {
      const editionId = await ghost({ id, title });

      const mail = await onlyEmail();
      expect(mail.subject).toBe(title);
      expect(mail.html).toContain(`<title>${escapeHtml(title)}</title>`);
      expect(mail.html).not.toContain(escapeHtml(escapeHtml(title)));
      expect(mail.text).toContain(title);
      const web = await (await herald.app.request(`/v1/editions/${editionId}/web`)).text();
      expect(web).toContain(`<meta property="og:title" content="${escapeHtml(title)}" />`);
      const edition = await herald.app.request(`/v1/editions/${editionId}`, { headers: adminHeaders() });
      expect(await edition.json()).toMatchObject({ title });
    },
  );
});

describe("WordPress term names", () => {
  it("“News &amp; Politics”, as the REST API sends it, maps through the entry “News & Politics”", async () => {
    const post = {
      ...WORDPRESS,
      id: 18801,
      _embedded: {
        ...WORDPRESS._embedded,
        "wp:term": [[{ id: 31, name: "News &amp; Politics", slug: "news-politics", taxonomy: "category" }]],
      },
    };
    const res = await herald.app.request("/v1/webhooks/wordpress", signedWebhook(post));

    expect(res.status).toBe(202);
    const { editionId } = (await res.json()) as { editionId: string };
    expect((await herald.ports.editions.get(editionId))?.article.topics).toEqual(["politics"]);
    await herald.settled();
  });
});
