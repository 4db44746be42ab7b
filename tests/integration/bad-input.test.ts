import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";

let herald: TestHerald;
beforeAll(async () => {
  herald = await startHerald();
});
afterAll(() => herald.stop());

const webhook = (init: RequestInit) => herald.app.request("/v1/webhooks/articles", init);

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await res.json()) as {
    error: { code: string; message: string; issues?: Array<{ path: string }> };
  };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  return body.error;
}

async function editionCount() {
  const res = await herald.app.request("/v1/editions?limit=100", { headers: adminHeaders() });
  return ((await res.json()) as { editions: unknown[] }).editions.length;
}

describe("the publish webhook refuses bad input with the contract's errors", () => {
  const raw = JSON.stringify(articleBody({ id: "bad-input" }));

  it("401 without a signature", async () => {
    await expectError(await webhook({ method: "POST", body: raw }), 401, "unauthorized");
  });

  it("401 with a signature made with another secret", async () => {
    await expectError(await webhook(signedWebhook(raw, "not-the-secret")), 401, "unauthorized");
  });

  it("401 with a signature over another body", async () => {
    const init = signedWebhook(raw);
    await expectError(
      await webhook({ ...init, body: raw.replace("bad-input", "tampered") }),
      401,
      "unauthorized",
    );
  });

  it("401 with a stale timestamp (301 s old) and one from the future", async () => {
    // The clock is read here, not when the file was collected: seconds pass in between.
    const at = Math.floor(Date.now() / 1000);
    await expectError(await webhook(signedWebhook(raw, undefined, at - 302)), 401, "unauthorized");
    await expectError(await webhook(signedWebhook(raw, undefined, at + 305)), 401, "unauthorized");
  });

  it("413 over 256 KB, even when signed", async () => {
    const big = JSON.stringify(articleBody({ id: "big", bodyHtml: `<p>${"x".repeat(300_000)}</p>` }));
    await expectError(await webhook(signedWebhook(big)), 413, "payload_too_large");
  });

  it("400 for a signed body that is not JSON", async () => {
    await expectError(await webhook(signedWebhook("{not json")), 400, "invalid_request");
  });

  it("400 naming each missing field", async () => {
    const error = await expectError(await webhook(signedWebhook({ id: "x" })), 400, "invalid_request");
    expect(error.issues?.map((i) => i.path)).toEqual(
      expect.arrayContaining(["url", "title", "topics", "publishedAt"]),
    );
  });

  it("400 naming an unknown topic", async () => {
    const error = await expectError(
      await webhook(signedWebhook(articleBody({ topics: ["world", "sport"] }))),
      400,
      "invalid_request",
    );
    expect(error.issues).toEqual([expect.objectContaining({ path: "topics.1" })]);
  });

  it("400 for a javascript: article URL", async () => {
    const error = await expectError(
      await webhook(signedWebhook(articleBody({ url: "javascript:alert(1)" }))),
      400,
      "invalid_request",
    );
    expect(error.issues?.[0]?.path).toBe("url");
  });

  it("401 for admin calls without the key, with the JSON error shape", async () => {
    await expectError(await herald.app.request("/v1/editions"), 401, "unauthorized");
    await expectError(
      await herald.app.request("/v1/editions", { headers: adminHeaders("wrong") }),
      401,
      "unauthorized",
    );
  });
});

describe("properties: random input never gets a 5xx or a partial write", () => {
  it("random signed webhook bodies are answered 2xx or 4xx, and a 4xx records nothing", async () => {
    const known = ["world", "politics", "business"];
    const article = fc.record(
      {
        id: fc.oneof(fc.string(), fc.stringMatching(/^[a-z0-9-]{1,20}$/)),
        url: fc.oneof(fc.webUrl(), fc.string()),
        title: fc.string({ maxLength: 400 }),
        topics: fc.array(fc.oneof(fc.constantFrom(...known), fc.string()), { maxLength: 4 }),
        publishedAt: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string(),
        ),
        summary: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        breaking: fc.oneof(fc.boolean(), fc.string()),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      article.map((a) => JSON.stringify(a)),
      fc.json(),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const before = await editionCount();
        const res = await webhook(signedWebhook(raw));
        expect(res.status).toBeLessThan(500);
        const after = await editionCount();
        if (res.status >= 400) expect(after).toBe(before);
        if (res.status === 202) expect(after).toBe(before + 1);
      }),
      { numRuns: 60 },
    );
    await herald.settled();
  });

  it("random import files are answered 200 or 4xx, and imported equals what was written", async () => {
    const cell = fc.oneof(
      fc.emailAddress(),
      fc.string(),
      fc.constantFrom("world", "world|politics", "sport", "instant", "daily", '"quoted, cell"', '"'),
    );
    const file = fc.oneof(
      fc
        .array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 8 })
        .map((rows) => ["email,name,topics,cadence", ...rows.map((r) => r.join(","))].join("\n")),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(file, async (csv) => {
        const before = await subscriberCount();
        const res = await herald.app.request("/v1/subscribers/import", {
          method: "POST",
          headers: { ...adminHeaders(), "content-type": "text/csv" },
          body: csv,
        });
        expect(res.status).toBeLessThan(500);
        const after = await subscriberCount();
        if (res.status >= 400) expect(after).toBe(before);
        else expect(after - before).toBe(((await res.json()) as { imported: number }).imported);
      }),
      { numRuns: 60 },
    );
  });
});

async function subscriberCount() {
  const res = await herald.app.request("/v1/subscribers/export", { headers: adminHeaders() });
  return (await res.text()).trim().split("\n").length - 1;
}
