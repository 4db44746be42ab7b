import type { LookupAddress } from "node:dns";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpImageFetcher } from "../../functions/adapters/images/http-image-fetcher.js";
import { solidPng } from "../helpers/images.js";

// Two image hosts on one port: 127.0.0.2 stands for the public host the name first resolves to,
// 127.0.0.1 for the internal one a rebinding DNS answer points to next. Both are loopback; the test
// declares only 127.0.0.2 "public" through the fetcher's `allowedAddress`.
const PUBLIC_PNG = solidPng(8, 8, "#00aa00");
const INTERNAL_PNG = solidPng(8, 8, "#aa0000");
const servers: Server[] = [];
let port = 0;
const requestsAt: Record<string, number> = { "127.0.0.1": 0, "127.0.0.2": 0 };

function serve(host: string, body: Buffer, at: number): Promise<number> {
  const server = createServer((req, res) => {
    requestsAt[host] = (requestsAt[host] ?? 0) + 1;
    if (req.url === "/to-internal") {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/photo.png` }).end();
      return;
    }
    res.writeHead(200, { "content-type": "image/png" }).end(body);
  });
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(at, host, () => resolve((server.address() as { port: number }).port)),
  );
}

beforeAll(async () => {
  port = await serve("127.0.0.2", PUBLIC_PNG, 0);
  await serve("127.0.0.1", INTERNAL_PNG, port);
});
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

/** A DNS that answers the public address once, then the internal one: a rebinding attack. */
function rebindingDns() {
  let asked = 0;
  const resolve = async (): Promise<LookupAddress[]> => {
    asked++;
    return [{ address: asked === 1 ? "127.0.0.2" : "127.0.0.1", family: 4 }];
  };
  return { resolve, asked: () => asked };
}

describe("the image fetcher connects to the address it checked", () => {
  it("resolves a name once per hop, so a DNS answer that changes cannot reach an internal host", async () => {
    const dns = rebindingDns();
    const images = httpImageFetcher({
      timeoutMs: 2_000,
      allowedAddress: (a) => a === "127.0.0.2",
      resolve: dns.resolve,
    });
    const before = requestsAt["127.0.0.1"];

    const image = await images.fetch(`http://images.rebind.test:${port}/photo.png`);

    expect(Buffer.from(image.bytes)).toEqual(PUBLIC_PNG);
    expect(dns.asked()).toBe(1);
    expect(requestsAt["127.0.0.1"]).toBe(before);
  });

  it("still checks every redirect hop", async () => {
    const images = httpImageFetcher({
      timeoutMs: 2_000,
      allowedAddress: (a) => a === "127.0.0.2",
      resolve: async () => [{ address: "127.0.0.2", family: 4 }],
    });
    const before = requestsAt["127.0.0.1"];

    await expect(images.fetch(`http://images.rebind.test:${port}/to-internal`)).rejects.toThrow(
      /not a public address/,
    );
    expect(requestsAt["127.0.0.1"]).toBe(before);
  });
});
