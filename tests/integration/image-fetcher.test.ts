import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImageFetchError } from "../../functions/adapters/errors.js";
import { httpImageFetcher } from "../../functions/adapters/images/http-image-fetcher.js";
import { solidPng, TINY_JPEG } from "../helpers/images.js";
import { type Loopback, type SeenRequest, startLoopback } from "../helpers/social/loopback.js";

const PNG = solidPng(64, 64, "#cc0000");
const MAX_BYTES = 10_000;

const send = (res: ServerResponse, status: number, type: string, body: Buffer | string) => {
  res.writeHead(status, { "content-type": type }).end(body);
};

/** An image host: each path is one way a newsroom's image server answers. */
const ROUTES: Record<string, (res: ServerResponse) => void> = {
  "/photo.png": (res) => send(res, 200, "image/png", PNG),
  "/photo.jpg": (res) => send(res, 200, "image/jpeg", TINY_JPEG),
  "/labelled-wrong": (res) => send(res, 200, "application/octet-stream", PNG),
  "/photo.webp": (res) => send(res, 200, "image/jpeg", Buffer.from("RIFF\0\0\0\0WEBPVP8 ")),
  "/moved": (res) => {
    res.writeHead(302, { location: "/photo.png" }).end();
  },
  "/loop": (res) => {
    res.writeHead(302, { location: "/loop" }).end();
  },
  "/huge-declared": (res) => send(res, 200, "image/png", Buffer.concat([PNG, Buffer.alloc(MAX_BYTES)])),
  "/huge-streamed": (res) => {
    // No Content-Length: the size is only known by reading.
    res.writeHead(200, { "content-type": "image/png", "transfer-encoding": "chunked" });
    for (let i = 0; i < 20; i++) res.write(Buffer.alloc(1000));
    res.end();
  },
  "/slow": () => {}, // never answers; the fetcher's timeout ends it
};

const imageHost = (req: SeenRequest, res: ServerResponse) =>
  (ROUTES[req.path] ?? ((r) => send(r, 404, "text/html", "<h1>Not found</h1>")))(res);

let host: Loopback;
// The image host is on loopback, which only a fetcher told to allow private hosts may reach.
const images = () => httpImageFetcher({ timeoutMs: 500, maxBytes: MAX_BYTES, allowPrivateHosts: true });
const failure = (path: string) =>
  images()
    .fetch(`${host.url}${path}`)
    .then(
      () => undefined,
      (error: Error) => error,
    );

beforeAll(async () => {
  host = await startLoopback(imageHost);
});
afterAll(() => host.close());

describe("fetching an article image for its card", () => {
  it.each([
    ["/photo.png", "image/png"],
    ["/photo.jpg", "image/jpeg"],
    ["/labelled-wrong", "image/png"],
    ["/moved", "image/png"],
  ])("takes %s as %s, by its signature bytes", async (path, type) => {
    // Act
    const image = await images().fetch(`${host.url}${path}`);

    // Assess
    expect(image.type).toBe(type);
    expect(image.bytes.length).toBeGreaterThan(100);
  });

  it("asks for PNG or JPEG", async () => {
    // Act
    await images().fetch(`${host.url}/photo.png`);

    // Assess
    expect(host.requests.at(-1)?.headers.accept).toMatch(/image\/png/);
  });

  it.each([
    ["/missing.png", /HTTP 404/],
    ["/photo.webp", /not a PNG or JPEG \(served as image\/jpeg\)/],
    ["/huge-declared", /larger than 10000 bytes/],
    ["/huge-streamed", /larger than 10000 bytes/],
    ["/slow", /within 500 ms/],
  ])("refuses %s with a reason", async (path, reason) => {
    // Act
    const error = await failure(path);

    // Assess
    expect(error).toBeInstanceOf(ImageFetchError);
    expect(error?.message).toMatch(reason);
  });

  it("names no URL in its reasons (image URLs may carry signed query strings)", async () => {
    // Act
    const error = await failure("/missing.png?X-Amz-Signature=s3cr3t");

    // Assess
    expect(error?.message).not.toMatch(/s3cr3t|missing|127\.0\.0\.1/);
  });

  it("refuses a URL that is not http(s) without fetching", async () => {
    // Act
    const error = await images()
      .fetch("file:///etc/passwd")
      .catch((e: Error) => e);

    // Assess
    expect((error as Error).message).toMatch(/not an http/);
  });
});

describe("the image fetcher as the render function runs it (public addresses only)", () => {
  it.each(["127.0.0.1", "localhost", "[::1]"])("refuses %s before sending anything", async (hostname) => {
    // Prepare
    const before = host.requests.length;
    const url = `http://${hostname}:${new URL(host.url).port}/photo.png`;

    // Act
    const error = await httpImageFetcher({ timeoutMs: 500 })
      .fetch(url)
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ImageFetchError);
    expect((error as Error).message).toMatch(/not a public address/);
    expect(host.requests.length).toBe(before);
  });

  it("gives up on a redirect loop", async () => {
    await expect(images().fetch(`${host.url}/loop`)).rejects.toThrow(/more than 3 redirects/);
  });
});
