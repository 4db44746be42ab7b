import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../../functions/api/openapi/document.js";
import { consoleApp, isConsolePath } from "../../../functions/console/app.js";
import { buildConsoleAssets } from "../../../functions/console/build.js";

describe("the OpenAPI document served at /docs", () => {
  it("is the one generated from the zod schemas (run `npm run openapi` after changing them)", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../../../functions/api/openapi/openapi.json", import.meta.url), "utf8"),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("is served at /docs and /openapi.json by the console's function, as the local server serves it", async () => {
    const app = consoleApp(await buildConsoleAssets());
    for (const path of ["/docs", "/openapi.json"]) {
      expect(isConsolePath(path), path).toBe(true);
      const res = await app.request(path);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(((await res.json()) as { paths: object }).paths).toEqual(openApiDocument().paths);
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
