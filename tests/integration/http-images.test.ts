import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImageFetchError } from "../../functions/adapters/errors.js";
import { articleSchema } from "../../functions/domain/article.js";
import type { ImageFetcher } from "../../functions/flows/ports.js";
import { renderCardOnce } from "../../functions/flows/render-card.js";
import { renderEditionCard } from "../../functions/render/social/edition-card.js";
import { articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seedSubscribers } from "../helpers/seed.js";
import { sentEmails } from "../helpers/ses-store.js";

// One policy for images on plain http, wherever the article's images appear: asked for over https
// (the email, the web version under its CSP, the social card), and a figure whose image cannot be
// shown at all goes whole, caption included.
let herald: TestHerald;
let editionId: string;

const BODY = [
  "<p>Opening paragraph.</p>",
  '<figure><img src="http://news.example/body.jpg" alt="The bridge"><figcaption>The bridge at dawn.</figcaption></figure>',
  '<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""><figcaption>Orphaned caption.</figcaption></figure>',
  "<p>Closing paragraph.</p>",
].join("");

const imageSources = (html: string) => [...html.matchAll(/<img\b[^>]*\ssrc="([^"]*)"/g)].map((m) => m[1]);

beforeAll(async () => {
  herald = await startHerald();
  await seedSubscribers(herald.ports, 1, ["world"]);
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(
      articleBody({ id: "http-images", imageUrl: "http://news.example/lead.jpg", bodyHtml: BODY }),
    ),
  );
  ({ editionId } = (await res.json()) as { editionId: string });
  await herald.settled();
});
afterAll(() => herald?.stop());

describe("images on plain http", () => {
  it("are shown over https in the email, and a figure without its image goes with its caption", async () => {
    const [email] = await sentEmails(herald.sesEndpoint);
    const html = email?.body.html ?? "";
    expect(imageSources(html)).toEqual(["https://news.example/lead.jpg", "https://news.example/body.jpg"]);
    expect(html).toContain("The bridge at dawn.");
    expect(html).not.toContain("Orphaned caption.");
    expect(email?.body.text).not.toContain("Orphaned caption.");
  });

  it("are the same https images on the web version, all allowed by its CSP", async () => {
    const res = await herald.app.request(`/v1/editions/${editionId}/web`);
    const csp = res.headers.get("content-security-policy") ?? "";
    const allowed = (csp.match(/img-src ([^;]+)/)?.[1] ?? "").split(" ");
    const html = await res.text();
    expect(imageSources(html)).toEqual(["https://news.example/lead.jpg", "https://news.example/body.jpg"]);
    for (const src of imageSources(html)) expect(allowed).toContain(new URL(src ?? "").protocol);
    expect(html).not.toContain("Orphaned caption.");
  });

  it("are fetched over https for the social card", async () => {
    // An in-memory image port that records what the card asks for: the test must not reach the
    // network, and what matters is the URL, not the bytes.
    const asked: string[] = [];
    const images: ImageFetcher = {
      fetch: async (url) => {
        asked.push(url);
        throw new ImageFetchError("offline in tests");
      },
    };
    const article = articleSchema(herald.config.topics).parse(
      articleBody({ id: "http-card", imageUrl: "http://news.example/lead.jpg" }),
    );
    await renderCardOnce(
      herald.ports,
      { render: renderEditionCard, images },
      "ed_httpcard0000000000000",
      article,
    );
    expect(asked).toEqual(["https://news.example/lead.jpg"]);
  });
});
