import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { FeedFetchError } from "../../../functions/adapters/errors.js";
import { httpFeedFetcher } from "../../../functions/adapters/feeds/http-fetcher.js";
import { MailerRejected } from "../../../functions/flows/errors.js";

/** A loopback port nothing listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe("errors keep their cause", () => {
  it("a feed fetch that could not connect says why, and keeps the network's error behind it", async () => {
    const fetcher = httpFeedFetcher({ timeoutMs: 30_000 });
    const error = await fetcher.fetch({ url: `http://127.0.0.1:${await closedPort()}/feed` }).catch((e) => e);

    expect(error).toBeInstanceOf(FeedFetchError);
    expect(error.message).toBe("request failed (ECONNREFUSED)");
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause.message).toBe("fetch failed");
  });

  it("a flow's error carries the adapter's as its cause, with its own name", () => {
    const sdk = new Error("MessageRejected");
    const error = new MailerRejected("SES refused the call", { cause: sdk });
    expect(error.name).toBe("MailerRejected");
    expect(error.cause).toBe(sdk);
  });
});
