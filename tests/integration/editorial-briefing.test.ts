import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Counts } from "../../functions/domain/edition.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { heldPacer } from "../helpers/held-pacer.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seedSubscribers } from "../helpers/seed.js";
import { sentEmails } from "../helpers/ses-store.js";

/**
 * A daily briefing paused mid-send and then cancelled, on DynamoDB Local and the SES stand-in. The
 * send's pacer is held by the test (`heldPacer`): after the first chunk of 50 the others wait for
 * their slot until the pause has answered, so the pause lands while most chunks still wait on any
 * machine; nothing is timed.
 */
const READERS = 200;
let herald: TestHerald;
const pacer = heldPacer();

beforeAll(async () => {
  herald = await startHerald({ audienceShards: 1 }, { wrapPorts: pacer.wrap, sendConcurrency: 2 });
  await seedSubscribers(herald.ports, READERS, ["world"], { prefix: "daily", cadence: "daily" });
  const res = await herald.app.request(
    "/v1/webhooks/articles",
    signedWebhook(articleBody({ id: "briefed", topics: ["world"] })),
  );
  expect(res.status).toBe(202);
  await herald.settled();
});
afterAll(() => {
  pacer.release();
  return herald.stop();
});

interface View {
  status: string;
  counts: Counts;
  combos?: string[];
}
const view = async (id: string) =>
  (await (await herald.app.request(`/v1/briefings/${id}`, { headers: adminHeaders() })).json()) as View;
const act = (id: string, action: string) =>
  herald.app.request(`/v1/briefings/${id}/${action}`, { method: "POST", headers: adminHeaders() });
const stored = async () => (await sentEmails(herald.sesEndpoint)).length;

describe("a briefing's pause and cancel", () => {
  it("pauses mid-send, then cancels: nothing reaches SES after either answer, counts add up", async () => {
    pacer.hold(1);
    const run = await herald.app.request("/v1/briefings/run", { method: "POST", headers: adminHeaders() });
    const { briefingId } = (await run.json()) as { briefingId: string };
    while ((await view(briefingId)).counts.sent < 50) await new Promise((r) => setTimeout(r, 20));

    const paused = await act(briefingId, "pause");
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ status: "paused" });
    const atPause = await stored();
    expect(atPause).toBeLessThan(READERS);
    pacer.release();
    await herald.settled();
    expect(await stored()).toBe(atPause);

    const cancelled = await act(briefingId, "cancel");
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: "cancelled" });
    await herald.settled();
    expect(await stored()).toBe(atPause);
    const { counts, combos } = await view(briefingId);
    expect(counts).toMatchObject({ planned: READERS, sent: atPause, cancelled: READERS - atPause });
    expect((await act(briefingId, "resume")).status).toBe(409);

    // Its one topic combination's rendering, as its readers saw it.
    expect(combos).toEqual(["world"]);
    const render = await herald.app.request(`/v1/briefings/${briefingId}/renders/world`, {
      headers: adminHeaders(),
    });
    expect(render.status).toBe(200);
    expect(await render.json()).toMatchObject({ subject: expect.any(String), html: expect.any(String) });
    const none = await herald.app.request(`/v1/briefings/${briefingId}/renders/culture`, {
      headers: adminHeaders(),
    });
    expect(none.status).toBe(404);
  }, 180_000);
});
