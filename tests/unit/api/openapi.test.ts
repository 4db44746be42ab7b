import { readFileSync } from "node:fs";
import { brotliDecompressSync } from "node:zlib";
import { Logger } from "@aws-lambda-powertools/logger";
import { describe, expect, it } from "vitest";
import { configFromEnv } from "../../../functions/adapters/env-config.js";
import { secretsFromEnv } from "../../../functions/adapters/env-secrets.js";
import { createApp } from "../../../functions/api/app.js";
import { openApiDocument } from "../../../functions/api/openapi/document.js";
import { OPENAPI_BROTLI_BASE64 } from "../../../functions/api/openapi/openapi-packed.js";
import type { Ports } from "../../../functions/flows/ports.js";

const app = () =>
  createApp({
    config: configFromEnv({}),
    secrets: secretsFromEnv({}),
    log: new Logger({ logLevel: "ERROR" }),
  } as unknown as Ports);

describe("the OpenAPI document served at /docs", () => {
  it("is the one generated from the zod schemas (run `npm run openapi` after changing them)", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../../../functions/api/openapi/openapi.json", import.meta.url), "utf8"),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("is what the API serves, packed into its bundle (run `npm run openapi` after changing the contract)", async () => {
    const packed = JSON.parse(
      brotliDecompressSync(Buffer.from(OPENAPI_BROTLI_BASE64, "base64")).toString("utf8"),
    );
    expect(packed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("is served unpacked at /openapi.json", async () => {
    const res = await app().request("/openapi.json");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await res.json()) as { paths: object }).paths).toEqual(openApiDocument().paths);
  });

  it("is served at /docs as a readable page: every operation, no script, no outside source", async () => {
    // Act
    const res = await app().request("/docs");
    const html = await res.text();

    // Assess
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    for (const [path, methods] of Object.entries(openApiDocument().paths)) {
      for (const method of Object.keys(methods))
        expect(html).toContain(`${method.toUpperCase()} <code>${path}</code>`);
    }
    expect(html).toContain('<a href="/openapi.json">');
    expect(html).not.toMatch(/<script|https?:\/\/(?!127)/);
  });

  it("describes every route this version serves", () => {
    const paths = Object.keys(openApiDocument().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/v1/webhooks/articles",
        "/v1/editions",
        "/v1/editions/{id}",
        "/v1/editions/{id}/web",
        "/v1/editions/{id}/card.png",
        "/v1/editions/{id}/test",
        "/v1/editions/{id}/resume",
        "/v1/subscribers/import",
        "/v1/subscribers/export",
        "/v1/subscribers/{email}",
        "/v1/unsubscribe",
        "/v1/subscribers",
        "/v1/confirm",
        "/v1/preferences",
        "/v1/suppressions/{email}",
        "/v1/share/{editionId}/{network}",
        "/v1/briefings/run",
        "/v1/briefings",
        "/v1/briefings/{id}",
      ]),
    );
  });

  it("documents the article's required fields from the webhook schema", () => {
    const body = openApiDocument().paths["/v1/webhooks/articles"]?.post as unknown as {
      requestBody: { content: { "application/json": { schema: { required: string[] } } } };
    };
    expect(body.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["id", "url", "title", "topics", "publishedAt"]),
    );
  });
});
