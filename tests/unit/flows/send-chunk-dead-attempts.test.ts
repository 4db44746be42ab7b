import { describe, expect, it } from "vitest";
import type { ChunkRecord } from "../../../functions/flows/ports.js";
import { sendChunk } from "../../../functions/flows/send-chunk.js";
import { memoryPorts } from "../../helpers/memory-ports/memory-ports.js";
import { plannedChunk } from "../../helpers/send-factories.js";

/** Workers that stop mid-chunk: what SES may have taken is counted `unknown`, never sent twice. */
describe("sendChunk after an attempt that died", () => {
  it("counts recipients a lost SES answer left in flight as unknown and never sends them again", async () => {
    // Prepare: SES takes the call, but its answer is lost (a timeout).
    const ports = memoryPorts();
    const { edition, subscribers, job } = await plannedChunk(ports);
    ports.mailer.answer("lose");
    await expect(sendChunk(ports, job)).rejects.toThrow("socket hang up");

    // Act: the message comes back.
    const result = await sendChunk(ports, job);

    // Assess: recorded as unknown when the answer was lost; the second attempt only finishes the chunk.
    expect(result).toBe("done");
    expect(ports.mailer.calls).toHaveLength(1);
    expect(ports.mailer.delivered).toEqual(subscribers.map((s) => s.email));
    const chunk = await ports.chunks.get(edition.id, job.chunk);
    expect(Object.values(chunk?.outcomes ?? {})).toEqual([
      { kind: "unknown" },
      { kind: "unknown" },
      { kind: "unknown" },
    ]);
    expect(await ports.editions.get(edition.id)).toMatchObject({
      status: "sent",
      counts: { sent: 0, unknown: 3 },
    });
  });

  it("sends only the recipients that were neither recorded nor in flight", async () => {
    // Prepare: reader 1 was recorded by an earlier attempt; reader 2 was handed to SES by one that died.
    const ports = memoryPorts();
    const { edition, subscribers, chunk, job } = await plannedChunk(ports);
    const [recorded, inFlight, owed] = subscribers;
    const stored = ports.chunks.stored.get(`${edition.id}/${job.chunk}`) as ChunkRecord;
    Object.assign(stored, {
      outcomes: { [recorded?.id as string]: { kind: "sent", messageId: "msg-earlier" } },
      inflight: [inFlight?.id],
      leaseUntil: ports.now().getTime() - 1,
      version: chunk.version + 2,
    });

    // Act
    await sendChunk(ports, job);

    // Assess
    expect(ports.mailer.delivered).toEqual([owed?.email]);
    expect((await ports.chunks.get(edition.id, job.chunk))?.outcomes).toEqual({
      [recorded?.id as string]: { kind: "sent", messageId: "msg-earlier" },
      [inFlight?.id as string]: { kind: "unknown" },
      [owed?.id as string]: { kind: "sent", messageId: expect.any(String) },
    });
    expect((await ports.editions.get(edition.id))?.counts).toMatchObject({ sent: 1, unknown: 1 });
  });

  // An attempt that dies after its claim but before SES (a DynamoDB error, a Lambda timeout) handed
  // nobody to SES: its readers stay pending and the next attempt sends them.
  it("sends the readers of an attempt that died before calling SES", async () => {
    // Prepare
    const ports = memoryPorts();
    const { subscribers, job } = await plannedChunk(ports);
    const getRender = ports.editions.getRender;
    ports.editions.getRender = async () => {
      throw new Error("ProvisionedThroughputExceededException");
    };
    await expect(sendChunk(ports, job)).rejects.toThrow("ProvisionedThroughputExceededException");
    ports.editions.getRender = getRender;
    ports.clock.advance(ports.config.chunkLeaseSeconds + 1);

    // Act
    await sendChunk(ports, job);

    // Assess
    expect(ports.mailer.delivered).toEqual(subscribers.map((s) => s.email));
  });

  // The claim marks the readers in flight before the fence is read: a fence read that fails hands
  // nobody to SES, so the attempt releases them rather than leave them to be counted unknown.
  it("releases the readers when the status read under the claim fails; the next attempt sends them", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition, subscribers, job } = await plannedChunk(ports);
    const progress = ports.editions.progress;
    ports.editions.progress = async () => {
      throw new Error("InternalServerError");
    };
    await expect(sendChunk(ports, job)).rejects.toThrow("InternalServerError");
    ports.editions.progress = progress;
    const released = await ports.chunks.get(edition.id, job.chunk);

    // Act: at once, no lease to wait out.
    const result = await sendChunk(ports, job);

    // Assess
    expect(released).toMatchObject({ inflight: [], leaseUntil: undefined, outcomes: {} });
    expect(result).toBe("done");
    expect(ports.mailer.delivered).toEqual(subscribers.map((s) => s.email));
    expect((await ports.editions.get(edition.id))?.counts).toMatchObject({ sent: 3, unknown: 0 });
  });
});
