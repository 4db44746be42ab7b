import { afterAll, describe, expect, it } from "vitest";
import type { Ports } from "../../functions/flows/ports.js";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { seedSubscribers } from "../helpers/seed.js";
import { countByRecipient, sentEmails } from "../helpers/ses-store.js";

const READERS = 1_000;
const CHUNK_SIZE = 50;
const CHUNKS = READERS / CHUNK_SIZE;

let herald: TestHerald | undefined;
afterAll(() => herald?.stop());

describe("the end of a send", () => {
  it("is checked when a worker's last chunk at work ends, not after every chunk, and still found", async () => {
    // Prepare: every completion check counted, with what it found.
    const checks: boolean[] = [];
    herald = await startHerald(
      { chunkSize: CHUNK_SIZE },
      {
        sendConcurrency: 2,
        queue: { visibilityTimeoutMs: 60_000 },
        wrapPorts: (ports: Ports) => ({
          ...ports,
          editions: {
            ...ports.editions,
            completeIfFinished: async (id) => {
              const finished = await ports.editions.completeIfFinished(id);
              checks.push(finished);
              return finished;
            },
          },
        }),
      },
    );
    const emails = await seedSubscribers(herald.ports, READERS, ["world"]);

    // Act
    const res = await herald.app.request("/v1/webhooks/articles", signedWebhook(articleBody({ id: "ends" })));
    const { editionId } = (await res.json()) as { editionId: string };
    await herald.settled();

    // Assess: two workers of ten chunks at once check a few times, not twenty; the last check finds
    // the send finished, and every reader has one email.
    const view = (await (
      await herald.app.request(`/v1/editions/${editionId}`, { headers: adminHeaders() })
    ).json()) as { status: string; counts: Record<string, number> };
    expect(view).toMatchObject({ status: "sent", counts: { planned: READERS, sent: READERS, unknown: 0 } });
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.length).toBeLessThanOrEqual(CHUNKS / 2);
    expect(checks.filter(Boolean)).toHaveLength(1);
    const inbox = countByRecipient(await sentEmails(herald.sesEndpoint));
    expect([...inbox.keys()].sort()).toEqual([...emails].sort());
    expect([...inbox.values()].every((n) => n === 1)).toBe(true);
  }, 120_000);
});
