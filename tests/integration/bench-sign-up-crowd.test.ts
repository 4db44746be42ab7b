import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGN_UPS_PER_CLIENT_PER_MINUTE } from "../../functions/flows/subscribe.js";
import { BENCH_EDGE_SECRET, viaEdge } from "../bench/bench-edge.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";

// The sign-up row of `npm run bench -- limits` must measure accepted sign-ups: its load generator
// reaches the server over a socket, as CloudFront does, and each request carries its own viewer.
let herald: TestHerald;
let server: ReturnType<typeof serve>;
let base: string;
const secretBefore = process.env.HERALD_EDGE_ORIGIN_SECRET;
beforeAll(async () => {
  herald = await startHerald();
  process.env.HERALD_EDGE_ORIGIN_SECRET = BENCH_EDGE_SECRET; // as tests/bench/api-server.ts sets it
  await new Promise<void>((resolve) => {
    server = serve({ fetch: herald.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (secretBefore === undefined) delete process.env.HERALD_EDGE_ORIGIN_SECRET;
  else process.env.HERALD_EDGE_ORIGIN_SECRET = secretBefore;
  await new Promise((resolve) => server.close(resolve));
  await herald.stop();
});

const signUp = (n: number, headers: Record<string, string>) =>
  fetch(`${base}/v1/subscribers`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email: `crowd${n}@bench.example`, topics: ["world"] }),
  });

describe("the benchmark's sign-up crowd", () => {
  it("is accepted past one client's limit when each request comes from its own viewer", async () => {
    const crowd = SIGN_UPS_PER_CLIENT_PER_MINUTE + 10;
    const statuses: number[] = [];
    for (let n = 1; n <= crowd; n++) statuses.push((await signUp(n, viaEdge(n))).status);
    expect(statuses.filter((s) => s < 200 || s >= 300)).toEqual([]);
  });

  it("still meets the per-client limit when one viewer sends them all (the limit is not weakened)", async () => {
    const statuses: number[] = [];
    for (let n = 1; n <= SIGN_UPS_PER_CLIENT_PER_MINUTE + 5; n++)
      statuses.push((await signUp(1000 + n, viaEdge(424242))).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });
});
