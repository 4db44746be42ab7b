import { describe, expect, it } from "vitest";
import { sendChunk } from "../../../functions/flows/send-chunk.js";
import { memoryPorts } from "../../helpers/memory-ports/memory-ports.js";
import { plannedChunk } from "../../helpers/send-factories.js";

/** A chunk of 100 is two SES calls of 50: each call's answer counts for its own recipients only. */
describe("sendChunk with a chunk of two SES calls", () => {
  it("sends 100 readers in two calls of 50, each reader once", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job } = await plannedChunk(ports, { readers: 100 });

    // Act
    const result = await sendChunk(ports, job);

    // Assess
    expect(result).toBe("done");
    expect(ports.mailer.calls.map((c) => c.entries.length)).toEqual([50, 50]);
    expect([...ports.mailer.delivered].sort()).toEqual(subscribers.map((s) => s.email).sort());
    expect(await ports.editions.get(edition.id)).toMatchObject({ status: "sent", counts: { sent: 100 } });
  });

  it("records the other call when one is throttled, and sends only the throttled half again", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job } = await plannedChunk(ports, { readers: 100 });
    ports.mailer.answer("accept", "throttle");

    // Act
    await sendChunk(ports, job);
    const [again] = ports.sendQueue.messages();
    await sendChunk(ports, again ?? job);

    // Assess
    expect(ports.mailer.calls.map((c) => c.entries.length)).toEqual([50, 50, 50]);
    const second = (ports.mailer.calls[1]?.entries ?? []).map((e) => e.to);
    expect((ports.mailer.calls[2]?.entries ?? []).map((e) => e.to)).toEqual(second);
    expect(ports.mailer.delivered).toHaveLength(100);
    expect(new Set(ports.mailer.delivered).size).toBe(subscribers.length);
    expect(await ports.editions.get(edition.id)).toMatchObject({ status: "sent", counts: { sent: 100 } });
  });

  it("keeps a refused call's readers pending and the accepted call's outcomes, then says why", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, job } = await plannedChunk(ports, { readers: 100 });
    ports.mailer.answer("refuse", "accept");

    // Act
    await expect(sendChunk(ports, job)).rejects.toThrow("MessageRejected");
    const retried = await sendChunk(ports, job);

    // Assess: the refused half was sent by the retry, the accepted half never twice.
    expect(retried).toBe("done");
    expect(ports.mailer.calls.map((c) => c.entries.length)).toEqual([50, 50, 50]);
    expect(ports.mailer.delivered).toHaveLength(100);
    expect(new Set(ports.mailer.delivered).size).toBe(100);
    expect(await ports.editions.get(edition.id)).toMatchObject({ status: "sent", counts: { sent: 100 } });
  });

  it("counts a lost call's readers unknown and the answered call's as sent, none twice", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, job } = await plannedChunk(ports, { readers: 100 });
    ports.mailer.answer("accept", "lose");

    // Act
    await expect(sendChunk(ports, job)).rejects.toThrow("socket hang up");
    const again = await sendChunk(ports, job);

    // Assess
    expect(again).toBe("done");
    expect(ports.mailer.calls).toHaveLength(2);
    expect(await ports.editions.get(edition.id)).toMatchObject({
      status: "sent",
      counts: { sent: 50, unknown: 50 },
    });
  });
});
