import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { outboxAdapter } from "../../../../functions/adapters/social/outbox.js";
import { composePost } from "../../../../functions/domain/social/compose.js";
import type { PublishRequest } from "../../../../functions/flows/ports/social.js";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

function request(editionId: string): PublishRequest<"telegram"> {
  const source = {
    editionId,
    url: "https://news.example/a",
    title: "Storm hits the coast",
    topics: ["world"],
  };
  return {
    editionId,
    post: composePost("telegram", source),
    url: "https://news.example/a?utm_source=telegram&utm_medium=social&utm_campaign=ed_1",
    card: async () => PNG,
    cardUrl: `https://herald.example/v1/editions/${editionId}/card.png`,
    idempotencyKey: "k".repeat(32),
  };
}

describe("the outbox adapter", () => {
  it("writes the composed post, its URL and the card beside it, and answers with the file's URL", async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), "outbox-"));
    const adapter = outboxAdapter("telegram", dir);

    // Act
    const outcome = await adapter.publish(request("ed_1"));

    // Assess
    expect(outcome).toEqual({
      kind: "posted",
      postId: "ed_1",
      url: expect.stringMatching(/^file:\/\/.*\/telegram\/ed_1\.json$/),
    });
    const file = fileURLToPath((outcome as { url: string }).url);
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written).toMatchObject({
      network: "telegram",
      editionId: "ed_1",
      url: request("ed_1").url,
      cardUrl: "https://herald.example/v1/editions/ed_1/card.png",
      card: "ed_1.png",
      post: { network: "telegram", parseMode: "HTML" },
    });
    expect(new Uint8Array(readFileSync(join(dir, "telegram", "ed_1.png")))).toEqual(PNG);
  });

  it("is idempotent: publishing again leaves the file as it was and answers the same URL", async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), "outbox-"));
    const adapter = outboxAdapter("telegram", dir);
    const first = await adapter.publish(request("ed_2"));
    const written = statSync(join(dir, "telegram", "ed_2.json")).mtimeMs;

    // Act
    const again = await adapter.publish({ ...request("ed_2"), url: "https://changed.example/" });

    // Assess
    expect(adapter.idempotent).toBe(true);
    expect(again).toEqual(first);
    expect(statSync(join(dir, "telegram", "ed_2.json")).mtimeMs).toBe(written);
    expect(readFileSync(join(dir, "telegram", "ed_2.json"), "utf8")).not.toContain("changed.example");
  });

  it("finds a written post on lookup, and nothing for an edition it never wrote", async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), "outbox-"));
    const adapter = outboxAdapter("telegram", dir);
    await adapter.publish(request("ed_3"));

    // Act
    const found = await adapter.lookup(request("ed_3"));
    const absent = await adapter.lookup(request("ed_4"));

    // Assess
    expect(found).toMatchObject({ kind: "found", postId: "ed_3" });
    expect(absent).toEqual({ kind: "absent" });
  });
});
