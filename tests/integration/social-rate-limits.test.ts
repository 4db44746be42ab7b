import { afterEach, describe, expect, it } from "vitest";
import { adminHeaders } from "../helpers/factories.js";
import { scriptedAdapter } from "../helpers/social/scripted-adapter.js";
import { HARNESS_START, socialHarness } from "../helpers/social/social-harness.js";

type Harness = Awaited<ReturnType<typeof socialHarness>>;
let harness: Harness | undefined;
afterEach(() => harness?.stop());

const postJobs = (h: Harness) => h.socialQueue.sent.filter((m) => "network" in m.job);

describe("social publishing under rate limits", () => {
  it("defers to the network's own time, shows the wait, and posts when it comes", async () => {
    // Prepare
    const message = "Rate limit exceeded (x-ratelimit-remaining: 0)";
    const retryAt = new Date(HARNESS_START + 120_000);
    const x = scriptedAdapter("x", "@news", { publish: [{ kind: "rate_limited", retryAt, message }] });
    harness = await socialHarness([x.adapter]);
    const h = harness;
    const id = await h.edition();

    // Act
    await h.post(id);
    const res = await h.app.request(`/v1/editions/${id}`, { headers: adminHeaders() });
    const waiting = (await res.json()) as { social: unknown[] };
    h.advance(119_000);
    await h.runDue();
    const callsBeforeTime = x.calls.publish.length;
    h.advance(1_000);
    await h.runDue();

    // Assess
    expect(postJobs(h).map((m) => m.delaySeconds)).toEqual([0, 120]);
    expect(waiting.social).toEqual([
      expect.objectContaining({ status: "pending", error: message, retryAt: retryAt.toISOString() }),
    ]);
    expect(callsBeforeTime).toBe(1);
    expect(x.calls.publish).toHaveLength(2);
    expect((await h.ports.socialIntents.listForEdition(id))[0]).toMatchObject({
      status: "posted",
      attempts: 2,
      errors: [message],
    });
  });

  it("waits past SQS's 15 minutes in steps of at most 900 s, never calling the network early", async () => {
    // Prepare
    const threads = scriptedAdapter("threads", "newsroom", {
      publish: [
        {
          kind: "rate_limited",
          retryAt: new Date(HARNESS_START + 3_600_000),
          message: "Application request limit reached",
        },
      ],
    });
    harness = await socialHarness([threads.adapter]);
    const h = harness;
    const id = await h.edition();

    // Act
    await h.post(id);
    for (let i = 0; i < 3; i++) {
      h.advance(900_000);
      await h.runDue();
    }
    const callsAt45Minutes = threads.calls.publish.length;
    h.advance(900_000);
    await h.runDue();

    // Assess
    const delays = postJobs(h).map((m) => [m.delaySeconds, "notBefore" in m.job]);
    expect(delays).toEqual([
      [0, false],
      [900, true],
      [900, true],
      [900, true],
      [900, false],
    ]);
    expect(callsAt45Minutes).toBe(1);
    expect(threads.calls.publish).toHaveLength(2);
  });
});
