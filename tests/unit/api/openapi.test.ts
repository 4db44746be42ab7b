import { readFileSync } from "node:fs";
import { Logger } from "@aws-lambda-powertools/logger";
import { describe, expect, it } from "vitest";
import { configFromEnv } from "../../../functions/adapters/env-config.js";
import { openApiDocument } from "../../../functions/api/openapi/document.js";
import { trackingApp } from "../../../functions/api/tracking-app.js";
import { consoleApp, isConsolePath } from "../../../functions/console/app.js";
import { buildConsoleAssets } from "../../../functions/console/build.js";
import type { Ports, StatsReader } from "../../../functions/flows/ports.js";

describe("the OpenAPI document served at /docs", () => {
  it("is the one generated from the zod schemas (run `npm run openapi` after changing them)", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../../../functions/api/openapi/openapi.json", import.meta.url), "utf8"),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("is served at /openapi.json by the console's function, as the local server serves it", async () => {
    const app = consoleApp(await buildConsoleAssets());
    expect(isConsolePath("/openapi.json")).toBe(true);
    const res = await app.request("/openapi.json");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await res.json()) as { paths: object }).paths).toEqual(openApiDocument().paths);
  });

  it("is served at /docs as a readable page: every operation, no script, no outside source", async () => {
    // Act
    const app = consoleApp(await buildConsoleAssets());
    expect(isConsolePath("/docs")).toBe(true);
    const res = await app.request("/docs");
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

  it("describes every route of the tracking function (tracked link, pixel, stats)", () => {
    const ports = { config: configFromEnv({}), log: new Logger({ logLevel: "ERROR" }) } as unknown as Ports;
    const app = trackingApp(ports, {} as StatsReader);
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    const routes = app.routes.filter((r) => r.method !== "ALL");
    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, "{$1}");
      expect(paths[path]?.[r.method.toLowerCase()], `${r.method} ${path}`).toBeDefined();
    }
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
        "/r/{token}",
        "/o/{token}",
        "/v1/editions/{id}/stats",
        "/v1/briefings/{id}/stats",
        "/v1/stats/audience",
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
