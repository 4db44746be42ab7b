import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { clientAddress } from "../../../functions/api/client-address.js";
import { CLIENT_IP_HEADER, EDGE_ORIGIN_HEADER } from "../../../functions/domain/edge-headers.js";

/** What the app would attribute a request to, as API Gateway hands it over from CloudFront. */
async function addressOf(headers: Record<string, string>, edgeSecret: string | undefined) {
  const app = new Hono();
  app.get("/", (c) => c.text(clientAddress(c, { edgeSecret })));
  const env = { event: { requestContext: { http: { sourceIp: "130.176.0.5" } } } };
  return (await app.request("/", { headers }, env)).text();
}

describe("clientAddress behind the edge", () => {
  it("takes the viewer's address from CloudFront when the request carries the edge's origin value", async () => {
    const headers = { [CLIENT_IP_HEADER]: "198.51.100.7", [EDGE_ORIGIN_HEADER]: "stack-uuid" };
    expect(await addressOf(headers, "stack-uuid")).toBe("198.51.100.7");
  });

  it("ignores a client IP header sent straight to the API without, or with a wrong, origin value", async () => {
    expect(await addressOf({ [CLIENT_IP_HEADER]: "198.51.100.7" }, "stack-uuid")).toBe("130.176.0.5");
    const wrong = { [CLIENT_IP_HEADER]: "198.51.100.7", [EDGE_ORIGIN_HEADER]: "guess" };
    expect(await addressOf(wrong, "stack-uuid")).toBe("130.176.0.5");
    // No edge deployed: the header means nothing, whatever comes with it.
    expect(await addressOf({ [CLIENT_IP_HEADER]: "198.51.100.7", [EDGE_ORIGIN_HEADER]: "" }, undefined)).toBe(
      "130.176.0.5",
    );
  });
});
