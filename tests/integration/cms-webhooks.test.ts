import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signGhost } from "../../functions/domain/cms/ghost-signature.js";
import { signBody } from "../../functions/domain/webhook-signature.js";
import {
  expectError,
  GHOST,
  SECRET,
  startCmsHerald,
  WORDPRESS,
  withPost,
} from "../fixtures/feeds/cms-requests.js";
import { signedWebhook } from "../helpers/factories.js";
import type { TestHerald } from "../helpers/herald.js";
import { clearEmails, countByRecipient, sentEmails } from "../helpers/ses-store.js";

let herald: TestHerald;
let ghost: Awaited<ReturnType<typeof startCmsHerald>>["ghost"];
let wordpress: Awaited<ReturnType<typeof startCmsHerald>>["wordpress"];
let editionCount: () => Promise<number>;

beforeAll(async () => {
  ({ herald, ghost, wordpress, editionCount } = await startCmsHerald());
});
afterAll(() => herald.stop());
// Every edition a test creates is sent before the next test counts emails.
afterEach(() => herald.settled());
beforeEach(() => clearEmails(herald.sesEndpoint));

async function articleOf(res: Response) {
  const { editionId } = (await res.json()) as { editionId: string };
  const edition = await herald.ports.editions.get(editionId);
  if (!edition) throw new Error(`no edition ${editionId}`);
  return edition.article;
}

async function emailsAfterSettling() {
  await herald.settled();
  return Object.fromEntries(countByRecipient(await sentEmails(herald.sesEndpoint)));
}

describe("Ghost: POST /v1/webhooks/ghost", () => {
  it("maps a signed post.published payload to the article and publishes one edition", async () => {
    const res = await ghost(GHOST);

    expect(res.status).toBe(202);
    const article = await articleOf(res);
    expect(article).toMatchObject({
      id: "ghost-67b05c2f8e1a4d0001a3c9e2",
      version: "2025-02-15T09:00:00.000Z",
      url: "https://harbourtimes.example/city-council-night-train-budget/",
      title: "City council approves the night-train budget",
      summary: "Five more years for the 23:40 to the coast — and a fight over who pays.",
      author: "Marta Oyelaran",
      imageUrl: "https://harbourtimes.example/content/images/2025/02/night-train.jpg",
      topics: ["politics", "world"],
      publishedAt: "2025-02-15T09:00:00.000Z",
    });
    expect(article.bodyHtml).toContain("fund the night train for another five years");
    expect(await emailsAfterSettling()).toEqual({ "ana@example.org": 1, "dev@example.org": 1 });
  });

  it("answers Ghost's retry, and a post.published.edited delivery, as duplicates: nothing sent again", async () => {
    const retry = await ghost(GHOST, { at: Date.now() + 1_000 });
    const edited = await ghost(
      withPost({ title: "Council approves night train (updated)", updated_at: "2025-02-15T10:00:00.000Z" }),
    );

    expect([retry.status, edited.status]).toEqual([200, 200]);
    expect(await edited.json()).toMatchObject({ duplicate: true });
    expect(await emailsAfterSettling()).toEqual({});
  });

  it("leaves the body of a members-only post out of the email", async () => {
    const res = await ghost(withPost({ id: "67b05c2f8e1a4d0001a3c9e3", visibility: "paid" }));

    expect(res.status).toBe(202);
    const article = await articleOf(res);
    expect(article.bodyHtml).toBeUndefined();
    expect(article.summary).toBe(GHOST.post.current.custom_excerpt);
  });

  it("files a post whose tags map to nothing under the default topic; maps an internal tag the map names", async () => {
    const internal = { name: "#newsletter-tech", slug: "hash-newsletter-tech", visibility: "internal" };
    const untagged = await ghost(
      withPost({ id: "67b05c2f8e1a4d0001a3c9e4", tags: [GHOST.post.current.tags[2]] }),
    );
    const steered = await ghost(withPost({ id: "67b05c2f8e1a4d0001a3c9e6", tags: [internal] }));

    expect((await articleOf(untagged)).topics).toEqual(["culture"]);
    expect((await articleOf(steered)).topics).toEqual(["technology"]);
  });

  it("ignores a post that is not published, recording nothing", async () => {
    const before = await editionCount();
    const draft = await ghost(withPost({ id: "67b05c2f8e1a4d0001a3c9e5", status: "draft" }));

    expect(draft.status).toBe(200);
    expect(await draft.json()).toEqual({ status: "ignored", reason: "the post is draft, not published" });
    expect(await editionCount()).toBe(before);
  });

  it("401: missing, wrong secret, tampered body, stale, seconds instead of milliseconds, Herald's scheme", async () => {
    const raw = JSON.stringify(withPost({ id: "67b05c2f8e1a4d0001a3c9ff" }));
    const now = Date.now();
    const before = await editionCount();
    const noHeader = await herald.app.request("/v1/webhooks/ghost", { method: "POST", body: raw });
    await expectError(noHeader, 401, "unauthorized");
    await expectError(await ghost(raw, { secret: "not-the-secret" }), 401, "unauthorized");
    await expectError(
      await ghost(raw, { header: signGhost(SECRET, raw.replace("night", "day"), now) }),
      401,
      "unauthorized",
    );
    await expectError(await ghost(raw, { at: now - 301_000 }), 401, "unauthorized");
    await expectError(await ghost(raw, { at: Math.floor(now / 1000) }), 401, "unauthorized");
    await expectError(
      await ghost(raw, { header: signBody(SECRET, raw, Math.floor(now / 1000)) }),
      401,
      "unauthorized",
    );
    expect(await editionCount()).toBe(before);
  });

  it("400 naming Ghost's field for a payload it cannot map", async () => {
    await expectError(await ghost("{not json"), 400, "invalid_request");
    const empty = await expectError(await ghost({ page: { current: {} } }), 400, "invalid_request");
    expect(empty.issues?.map((i) => i.path)).toEqual(["post"]);
    const badUrl = await expectError(
      await ghost(withPost({ url: "javascript:alert(1)" })),
      400,
      "invalid_request",
    );
    expect(badUrl.issues?.map((i) => i.path)).toEqual(["post.current.url"]);
    const undated = await expectError(await ghost(withPost({ published_at: null })), 400, "invalid_request");
    expect(undated.issues?.map((i) => i.path)).toContain("post.current.published_at");
  });

  it("413 over 256 KB, even when signed", async () => {
    await expectError(
      await ghost(withPost({ html: `<p>${"x".repeat(300_000)}</p>` })),
      413,
      "payload_too_large",
    );
  });
});

describe("WordPress: POST /v1/webhooks/wordpress", () => {
  it("maps a signed REST API post (with _embed) to the article and publishes one edition", async () => {
    const res = await wordpress(WORDPRESS);

    expect(res.status).toBe(202);
    const article = await articleOf(res);
    expect(article).toMatchObject({
      id: "wp-18734",
      version: "2025-02-15T09:00:00Z",
      url: "https://tagesbote.example/2025/02/15/koalition-haushalt/",
      title: "Koalition einigt sich auf Haushalt – „Ein guter Tag“",
      summary:
        "Nach zwölf Stunden Verhandlung steht der Etat & die Schuldenbremse bleibt. Die Opposition kritisiert den Kompromiss als „mutlos“…",
      author: "Jana Schmidt",
      imageUrl: "https://tagesbote.example/wp-content/uploads/2025/02/reichstag.jpg",
      topics: ["politics", "business"],
      publishedAt: "2025-02-15T09:00:00Z",
    });
    expect(article.bodyHtml).toContain("Nach zwölf Stunden Verhandlung steht der Etat.");
    expect(await emailsAfterSettling()).toEqual({ "ana@example.org": 1, "ben@example.org": 1 });
  });

  it("answers the same post sent again on a later save as a duplicate", async () => {
    const saved = {
      ...WORDPRESS,
      modified_gmt: "2025-02-15T11:00:00",
      title: { rendered: "Koalition: Haushalt steht" },
    };
    const res = await wordpress(saved);

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ duplicate: true });
    expect(await emailsAfterSettling()).toEqual({});
  });

  it("without _embedded: the default topic, no author, no image; a protected post keeps its text out", async () => {
    const { _embedded: _, ...bare } = WORDPRESS;
    const plain = await articleOf(await wordpress({ ...bare, id: 18800 }));
    const locked = await articleOf(
      await wordpress({ ...bare, id: 18801, content: { rendered: "<p>secret</p>", protected: true } }),
    );

    expect(plain).toMatchObject({ id: "wp-18800", topics: ["culture"] });
    expect(plain.author).toBeUndefined();
    expect(plain.imageUrl).toBeUndefined();
    expect(locked.bodyHtml).toBeUndefined();
  });

  it("ignores a post that is not published", async () => {
    const res = await wordpress({ ...WORDPRESS, id: 18802, status: "future" });
    expect(await res.json()).toEqual({ status: "ignored", reason: "the post is future, not published" });
  });

  it("401 without Herald's signature, with another secret, or with Ghost's scheme", async () => {
    const raw = JSON.stringify({ ...WORDPRESS, id: 18899 });
    await expectError(await wordpress(raw, { method: "POST", body: raw } as never), 401, "unauthorized");
    await expectError(await wordpress(raw, signedWebhook(raw, "not-the-secret")), 401, "unauthorized");
    const ghostSigned = {
      method: "POST",
      body: raw,
      headers: { "herald-signature": signGhost(SECRET, raw, Date.now()) },
    };
    await expectError(await wordpress(raw, ghostSigned as never), 401, "unauthorized");
  });

  it("400 naming the WordPress field at fault", async () => {
    const wrongId = await expectError(await wordpress({ ...WORDPRESS, id: "18734" }), 400, "invalid_request");
    expect(wrongId.issues?.map((i) => i.path)).toEqual(["id"]);
    const noDate = await expectError(
      await wordpress({ ...WORDPRESS, id: 18803, date_gmt: null }),
      400,
      "invalid_request",
    );
    expect(noDate.issues?.map((i) => i.path)).toContain("date_gmt");
    const noTitle = await expectError(
      await wordpress({ ...WORDPRESS, id: 18804, title: { rendered: " " } }),
      400,
      "invalid_request",
    );
    expect(noTitle.issues?.map((i) => i.path)).toEqual(["title.rendered"]);
  });
});
