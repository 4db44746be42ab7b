import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress } from "../../../functions/api/client-address.js";

// A real loopback server: the peer address comes from the socket, as in `npm start`.
let base = "";
let close: () => void = () => undefined;
beforeAll(async () => {
  const app = new Hono();
  app.get("/untrusted", (c) => c.text(clientAddress(c, { trustedProxies: new Set() })));
  app.get("/behind-proxy", (c) =>
    c.text(clientAddress(c, { trustedProxies: new Set(["127.0.0.1", "10.0.0.2"]) })),
  );
  await new Promise<void>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
    close = () => server.close();
  });
});
afterAll(() => close());

const ask = async (path: string, forwardedFor?: string) =>
  (
    await fetch(`${base}${path}`, { headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} })
  ).text();

describe("the client address", () => {
  it("ignores X-Forwarded-For from a peer that is not a configured proxy", async () => {
    expect(await ask("/untrusted", "203.0.113.7")).toBe("127.0.0.1");
    expect(await ask("/untrusted", "203.0.113.8, 198.51.100.1")).toBe("127.0.0.1");
    expect(await ask("/untrusted")).toBe("127.0.0.1");
  });

  it("behind configured proxies, takes the rightmost hop no configured proxy added", async () => {
    expect(await ask("/behind-proxy", "203.0.113.7")).toBe("203.0.113.7");
    // The client wrote the first hop itself; the proxies appended the rest.
    expect(await ask("/behind-proxy", "192.0.2.66, 203.0.113.7, 10.0.0.2")).toBe("203.0.113.7");
    expect(await ask("/behind-proxy")).toBe("127.0.0.1");
  });

  it("on AWS, takes the platform's source IP whatever the header says", async () => {
    const app = new Hono();
    app.get("/", (c) => c.text(clientAddress(c, { trustedProxies: new Set(["127.0.0.1"]) })));
    const event = { requestContext: { http: { sourceIp: "198.51.100.9" } } };
    const res = await app.request("/", { headers: { "x-forwarded-for": "203.0.113.7" } }, { event });
    expect(await res.text()).toBe("198.51.100.9");
  });
});
