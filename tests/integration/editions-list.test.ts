import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zeroCounts } from "../../functions/domain/edition.js";
import type { EditionRecord } from "../../functions/flows/ports.js";
import { adminHeaders, articleBody } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";

let herald: TestHerald;

beforeAll(async () => {
  herald = await startHerald();
});

afterAll(async () => {
  await herald.stop();
});

/** A sent edition whose article carries a long body, as a newsroom's does. */
function sentEdition(n: number): EditionRecord {
  const at = new Date(Date.UTC(2026, 11, 1, 8, n)).toISOString();
  return {
    id: `ed_listed${String(n).padStart(16, "0")}`,
    article: articleBody({
      id: `listed-${n}`,
      title: `Story ${n}`,
      version: 3,
      bodyHtml: `<p>${"A paragraph of the story. ".repeat(400)}</p>`,
    }) as unknown as EditionRecord["article"],
    status: "sent",
    counts: { ...zeroCounts(), planned: 10, sent: 10 },
    createdAt: at,
    updatedAt: at,
    plan: {},
    planDone: true,
    chunksTotal: 1,
    chunksDone: 1,
  };
}

describe("the editions list", () => {
  it("reads each edition's name and counters with its feedback, but not its article's body", async () => {
    // Prepare
    for (const n of [1, 2, 3]) await herald.ports.editions.create(sentEdition(n));
    const second = sentEdition(2).id;
    for (const mark of ["m1", "m2", "m3"])
      await herald.ports.editions.countFeedback(second, "delivered", mark);
    await herald.ports.editions.countFeedback(second, "bounced", "m4");

    // Act
    const listed = await herald.ports.editions.list(2);
    const res = await herald.app.request("/v1/editions?limit=2", { headers: adminHeaders() });
    const body = (await res.json()) as { editions: Array<Record<string, unknown>>; cursor?: string };

    // Assess
    expect(listed.editions.map((e) => e.id)).toEqual([sentEdition(3).id, second]);
    expect(listed.editions[1]?.article).toEqual({ id: "listed-2", version: 3, title: "Story 2" });
    expect(res.status).toBe(200);
    expect(body.editions[1]).toMatchObject({
      id: second,
      title: "Story 2",
      articleId: "listed-2",
      version: 3,
    });
    expect(body.editions[1]?.counts).toMatchObject({ planned: 10, sent: 10, delivered: 3, bounced: 1 });
    expect(body.editions[1]?.counts).toEqual((await herald.ports.editions.get(second))?.counts);
    expect(body.cursor).toEqual(expect.any(String));
  });

  it("pages on with the cursor to the oldest edition", async () => {
    const first = await herald.ports.editions.list(2);
    const next = await herald.ports.editions.list(2, first.cursor);

    expect(next.editions.map((e) => e.article.title)).toEqual(["Story 1"]);
  });
});
