import { afterEach, describe, expect, it } from "vitest";
import { subscriberId } from "../../functions/domain/subscriber.js";
import type { Ports, RenderJob } from "../../functions/flows/ports.js";
import { recoverWork } from "../../functions/flows/recover-work.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { inbox, subscribeRequest } from "../helpers/subscription.js";

let herald: TestHerald | undefined;
afterEach(async () => herald?.stop());

const STALL_SECONDS = 300;
/** Past the 10-minute gap between two confirmations to one inbox: a second apply would be let through. */
const PAST_CONFIRMATION_GAP_SECONDS = 11 * 60;

/**
 * A Herald whose render queue loses the first `{signUp}` job (as the local queue loses it when the
 * process dies before the worker applies it, or as a message ends in a dead-letter queue), kept in
 * `lost` for a redrive, with a clock a test moves forward.
 */
async function heraldLosingASignUp() {
  const lost: RenderJob[] = [];
  let skewMs = 0;
  const h = await startHerald(
    { stallSeconds: STALL_SECONDS },
    {
      now: () => new Date(Date.now() + skewMs),
      wrapPorts: (ports: Ports) => ({
        ...ports,
        editionQueue: {
          send: async (jobs: RenderJob[], ...rest) => {
            const kept = jobs.filter((j) => lost.length > 0 || !("signUp" in j) || !lost.push(j));
            return ports.editionQueue.send(kept, ...rest);
          },
        },
      }),
    },
  );
  return { h, lost, later: (seconds: number) => (skewMs = seconds * 1000) };
}

const confirmations = async (h: TestHerald, address: string) =>
  (await inbox(h, address)).filter((e) => /^Confirm your subscription/.test(e.subject));

describe("a sign-up lost before the worker applied it", () => {
  it("is applied by recovery: exactly one confirmation, and a redrive of the lost job sends no second", async () => {
    const { h, lost, later } = await heraldLosingASignUp();
    herald = h;
    expect((await subscribeRequest(h, { email: "lost-signup@example.org", topics: ["world"] })).status).toBe(
      202,
    );
    await h.settled();
    expect(lost).toHaveLength(1);
    expect(await h.ports.subscribers.get(subscriberId("lost-signup@example.org"))).toBeUndefined();

    // Not yet stalled: nothing is queued again; past the stall time, the sign-up once.
    const early = await recoverWork(h.ports);
    later(STALL_SECONDS + 1);
    const stalled = await recoverWork(h.ports);
    await h.settled();
    expect(await confirmations(h, "lost-signup@example.org")).toHaveLength(1);
    expect(await h.ports.subscribers.get(subscriberId("lost-signup@example.org"))).toMatchObject({
      status: "pending",
    });
    expect([early.signUps, stalled.signUps, (await recoverWork(h.ports)).signUps]).toEqual([0, 1, 0]);

    // The lost job redriven much later (past the gap between two confirmations): applied twice, harmless.
    later(STALL_SECONDS + 1 + PAST_CONFIRMATION_GAP_SECONDS);
    await h.ports.editionQueue.send(lost);
    await h.settled();
    later(2 * (STALL_SECONDS + 1) + PAST_CONFIRMATION_GAP_SECONDS);
    const last = await recoverWork(h.ports);
    await h.settled();
    expect(last.signUps + last.confirmations).toBe(0);
    expect(await confirmations(h, "lost-signup@example.org")).toHaveLength(1);
  });
});
