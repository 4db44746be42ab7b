import { describe, expect, it } from "vitest";
import type { AudienceMember } from "../../../functions/flows/ports.js";
import { memoryPorts } from "../../helpers/memory-ports/memory-ports.js";
import {
  chunksOf,
  FIFTY_A_CHUNK,
  members,
  PARTITION,
  planAgain,
  planningEdition,
  walkOver,
} from "../../helpers/partition-walk.js";

describe("planPartition", () => {
  it("cuts chunks of at most 50 in key order, queues each once and counts everyone planned", async () => {
    // Prepare
    const ports = memoryPorts({ config: FIFTY_A_CHUNK });
    const edition = await planningEdition(ports);
    const audience = members(120);

    // Act
    await planAgain(
      ports,
      edition.id,
      walkOver(() => audience),
    );

    // Assess
    expect(chunksOf(ports).map((c) => c.length)).toEqual([50, 50, 20]);
    expect(chunksOf(ports).flat()).toEqual(audience.map((m) => m.id));
    expect(ports.sendQueue.messages().map((j) => j.chunk)).toEqual(
      [0, 1, 2].map((n) => `${PARTITION}#00000${n}`),
    );
    // Each first queueing carries its chunk's recipients as stored: its first send need not read it.
    expect(ports.sendQueue.messages().map((j) => j.fresh?.recipients)).toEqual(chunksOf(ports));
    expect(await ports.editions.get(edition.id)).toMatchObject({
      counts: { planned: 120 },
      chunksTotal: 3,
      plan: { [PARTITION]: { next: 3, after: "m0119", done: true } },
    });
  });

  it("cuts chunks of 100 by default: two SES calls' worth", async () => {
    // Prepare
    const ports = memoryPorts();
    const edition = await planningEdition(ports);
    const audience = members(250);

    // Act
    await planAgain(
      ports,
      edition.id,
      walkOver(() => audience),
    );

    // Assess
    expect(ports.config.chunkSize).toBe(100);
    expect(chunksOf(ports).map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunksOf(ports).flat()).toEqual(audience.map((m) => m.id));
  });

  it("keeps one variant per chunk and leaves out the members the partition does not own", async () => {
    // Prepare: a briefing's combinations, three members each; every fourth member is owned elsewhere.
    const ports = memoryPorts({ config: FIFTY_A_CHUNK });
    const edition = await planningEdition(ports);
    const audience = members(12, (i) => (i % 4 === 3 ? undefined : `combo-${Math.floor(i / 3)}`));

    // Act
    await planAgain(
      ports,
      edition.id,
      walkOver(() => audience),
    );

    // Assess
    const chunks = [...ports.chunks.stored.values()];
    expect(chunks.map((c) => [c.variant, c.recipients])).toEqual([
      ["combo-0", ["m0000", "m0001", "m0002"]],
      ["combo-1", ["m0004", "m0005"]],
      ["combo-2", ["m0006", "m0008"]],
      ["combo-3", ["m0009", "m0010"]],
    ]);
  });

  it("queues a partition's first chunks as they are written, before the first checkpoint", async () => {
    // Prepare: note how many chunks are queued when each chunk is about to be written.
    const ports = memoryPorts({ config: FIFTY_A_CHUNK });
    const edition = await planningEdition(ports);
    const queuedBeforeWrite: number[] = [];
    const createOrGet = ports.chunks.createOrGet;
    ports.chunks.createOrGet = async (...args) => {
      queuedBeforeWrite.push(ports.sendQueue.messages().length);
      return createOrGet(...args);
    };

    // Act
    await planAgain(
      ports,
      edition.id,
      walkOver(() => members(600)),
    );

    // Assess: 1, 2, 4 at a time, then the rest with the checkpoint; every chunk queued once.
    expect(queuedBeforeWrite).toEqual([0, 1, 1, 3, 3, 3, 3, 7, 7, 7, 10, 10]);
    expect(ports.sendQueue.messages()).toHaveLength(12);
  });

  it("checkpoints after every ten chunks queued, and a resumed planner starts from the last one", async () => {
    // Prepare: the planner dies at its second checkpoint, after twelve chunks.
    const ports = memoryPorts({ config: FIFTY_A_CHUNK });
    const edition = await planningEdition(ports);
    const audience = members(600);
    const checkpoint = ports.editions.checkpoint;
    let calls = 0;
    ports.editions.checkpoint = async (...args) => {
      if (++calls === 2) throw new Error("planner died");
      return checkpoint(...args);
    };
    await expect(
      planAgain(
        ports,
        edition.id,
        walkOver(() => audience),
      ),
    ).rejects.toThrow("planner died");
    const afterDeath = structuredClone((await ports.editions.get(edition.id))?.plan);

    // Act
    await planAgain(
      ports,
      edition.id,
      walkOver(() => audience),
    );

    // Assess
    expect(afterDeath).toEqual({ [PARTITION]: { next: 10, after: "m0499", done: false } });
    expect(chunksOf(ports).flat()).toEqual(audience.map((m) => m.id));
    expect(await ports.editions.get(edition.id)).toMatchObject({ counts: { planned: 600 }, chunksTotal: 12 });
  });

  it.each([
    ["left", (audience: AudienceMember[]) => audience.filter((m) => !["m0010", "m0020"].includes(m.id))],
    [
      "joined",
      (audience: AudienceMember[]) => [
        ...audience,
        ...["m0010a", "m0020a"].map((id) => ({ id, key: id, topics: [""] })),
      ],
    ],
  ])("resumes right after the chunk a dead planner stored when readers %s since", async (_, change) => {
    // Prepare: the first planner stores chunk 0 (m0000–m0049) and dies writing chunk 1.
    const ports = memoryPorts({ config: FIFTY_A_CHUNK });
    const edition = await planningEdition(ports);
    let audience = members(120);
    const createOrGet = ports.chunks.createOrGet;
    ports.chunks.createOrGet = async (...args) => {
      if (ports.chunks.stored.size === 1) throw new Error("planner died");
      return createOrGet(...args);
    };
    await expect(
      planAgain(
        ports,
        edition.id,
        walkOver(() => audience),
      ),
    ).rejects.toThrow("planner died");
    ports.chunks.createOrGet = createOrGet;
    const stayed = audience.filter((m) => change(audience).includes(m)).map((m) => m.id);
    audience = change(audience);

    // Act: the resumed walk's own first 50 end before m0049 (joined) or after it (left).
    await planAgain(
      ports,
      edition.id,
      walkOver(() => audience),
    );

    // Assess: chunk 0 is adopted as stored; the next one starts right after it; nobody is in two.
    const chunks = chunksOf(ports);
    expect(chunks[0]).toEqual(members(50).map((m) => m.id));
    expect(chunks[1]?.[0]).toBe("m0050");
    const planned = chunks.flat();
    expect(new Set(planned).size).toBe(planned.length);
    expect(planned).toEqual(expect.arrayContaining(stayed));
    expect((await ports.editions.get(edition.id))?.counts.planned).toBe(planned.length);
  });
});
