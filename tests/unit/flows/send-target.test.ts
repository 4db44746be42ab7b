import { describe, expect, it } from "vitest";
import { sendTarget } from "../../../functions/flows/send-target.js";
import { memoryPorts } from "../../helpers/memory-ports/memory-ports.js";
import { plannedChunk } from "../../helpers/send-factories.js";

describe("sendTarget", () => {
  it("reads a fan-out once for the chunks a worker starts together, and knows its status", async () => {
    // Prepare: a batch's ten chunks arrive at once.
    const ports = memoryPorts();
    const { chunk } = await plannedChunk(ports);
    let reads = 0;
    const get = ports.editions.get;
    ports.editions.get = (id) => {
      reads += 1;
      return get(id);
    };

    // Act
    const found = await Promise.all(Array.from({ length: 10 }, () => sendTarget(ports, chunk)));
    const later = await sendTarget(ports, chunk);

    // Assess
    expect(reads).toBe(1);
    expect(new Set([...found, later].map((f) => f?.target)).size).toBe(1);
    expect(later?.target.lastStatus).toBe("sending");
  });

  it("does not keep a fan-out it could not read: the next chunk reads it again", async () => {
    // Prepare
    const ports = memoryPorts();
    const { chunk } = await plannedChunk(ports);
    const get = ports.editions.get;
    ports.editions.get = async () => {
      throw new Error("InternalServerError");
    };

    // Act
    await expect(sendTarget(ports, chunk)).rejects.toThrow("InternalServerError");
    ports.editions.get = get;
    const found = await sendTarget(ports, chunk);

    // Assess
    expect(found?.target.lastStatus).toBe("sending");
  });

  it("reads a render once for the chunks that ask at once, and again after a read that failed", async () => {
    // Prepare: the render's first read fails; then ten chunks ask for it at once.
    const ports = memoryPorts();
    const { chunk } = await plannedChunk(ports);
    const getRender = ports.editions.getRender;
    let reads = 0;
    ports.editions.getRender = async (id) => {
      reads += 1;
      if (reads === 1) throw new Error("InternalServerError");
      return getRender(id);
    };
    const found = await sendTarget(ports, chunk);

    // Act
    await expect(found?.target.render()).rejects.toThrow("InternalServerError");
    const renders = await Promise.all(Array.from({ length: 10 }, () => found?.target.render()));

    // Assess
    expect(reads).toBe(2);
    expect(renders[9]?.subject).toBeTruthy();
    expect(new Set(renders).size).toBe(1);
  });
});
