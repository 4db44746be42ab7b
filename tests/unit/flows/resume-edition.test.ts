import { describe, expect, it } from "vitest";
import { resumeEdition } from "../../../functions/flows/resume-edition.js";
import { sendChunk } from "../../../functions/flows/send-chunk.js";
import { memoryPorts } from "../../helpers/memory-ports/memory-ports.js";
import { plannedChunk } from "../../helpers/send-factories.js";

describe("resumeEdition", () => {
  it("queues the chunks parked while the edition was paused, and they are sent once", async () => {
    // Prepare: the chunk's message was acknowledged while the edition was paused.
    const ports = memoryPorts();
    const { edition, subscribers, job } = await plannedChunk(ports, { edition: { status: "paused" } });
    await sendChunk(ports, job);

    // Act
    const resumed = await resumeEdition(ports, edition.id);
    for (const { message } of ports.sendQueue.sent) await sendChunk(ports, message);

    // Assess
    expect(resumed.status).toBe("sending");
    expect(ports.sendQueue.messages()).toEqual([job]);
    expect(ports.mailer.delivered).toEqual(subscribers.map((s) => s.email));
    expect(await ports.editions.get(edition.id)).toMatchObject({ status: "sent", counts: { sent: 3 } });
  });

  it("queues the plan again when the planner stopped while the edition was paused", async () => {
    // Prepare
    const ports = memoryPorts();
    const { edition } = await plannedChunk(ports, { edition: { status: "paused", planDone: false } });

    // Act
    await resumeEdition(ports, edition.id);

    // Assess
    expect(ports.editionQueue.messages()).toEqual([{ editionId: edition.id }]);
  });
});
