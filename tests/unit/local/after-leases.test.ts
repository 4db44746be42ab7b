import { Logger } from "@aws-lambda-powertools/logger";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { afterLeases } from "../../../functions/local/after-leases.js";
import { memoryPorts } from "../../helpers/memory-ports/memory-ports.js";
import { plannedChunk } from "../../helpers/send-factories.js";

const log = new Logger({ serviceName: "herald-unit", logLevel: "SILENT" as "ERROR" });

describe("afterLeases: a restarted npm start frees the chunks a dead process leased", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("queues a leased chunk once its lease ends, although the fan-out has just moved", async () => {
    // Prepare: the dead process claimed the chunk; another chunk's record keeps the edition "moving".
    const ports = memoryPorts();
    const { edition, chunk, job } = await plannedChunk(ports);
    const lease = ports.config.chunkLeaseSeconds * 1000;
    await ports.chunks.claim(chunk, ports.now().getTime() + lease, []);
    Object.assign(ports.editions.records.get(edition.id) ?? {}, { progressAt: ports.now().toISOString() });

    // Act
    afterLeases(ports, [edition.id], log);
    await vi.advanceTimersByTimeAsync(lease / 2);
    const beforeTheLeaseEnds = ports.sendQueue.messages().length;
    ports.clock.advance(ports.config.chunkLeaseSeconds + 1);
    await vi.advanceTimersByTimeAsync(lease);

    // Assess
    expect(beforeTheLeaseEnds).toBe(0);
    expect(ports.sendQueue.messages()).toContainEqual({ editionId: edition.id, chunk: job.chunk });
  });

  it("does nothing for a fan-out that is no longer sending", async () => {
    const ports = memoryPorts();
    const { edition } = await plannedChunk(ports);
    Object.assign(ports.editions.records.get(edition.id) ?? {}, { status: "paused" });
    afterLeases(ports, [edition.id], log);
    ports.clock.advance(ports.config.chunkLeaseSeconds + 1);
    await vi.advanceTimersByTimeAsync((ports.config.chunkLeaseSeconds + 1) * 1000);
    expect(ports.sendQueue.messages()).toEqual([]);
  });
});
