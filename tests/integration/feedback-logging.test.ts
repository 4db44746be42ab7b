import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { adminHeaders, articleBody, signedWebhook } from "../helpers/factories.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { captureLogs } from "../helpers/log-capture.js";
import { bounceDetail, sesEvent } from "../helpers/ses-events.js";
import { importRows } from "../helpers/subscription.js";

let herald: TestHerald;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  logs = captureLogs();
  herald = await startHerald();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await herald.stop();
});

describe("feedback logs", () => {
  it("name events, messages and editions, never an address", async () => {
    // Act: every path of the feedback handler that sees an address.
    await importRows(herald, [
      ["private.reader@example.org", "", "world"],
      ["bounce+private@simulator.amazonses.com", "", "world"],
      ["complaint+private@simulator.amazonses.com", "", "world"],
      ["ooto+private@simulator.amazonses.com", "", "world"],
    ]);
    const res = await herald.app.request(
      "/v1/webhooks/articles",
      signedWebhook(articleBody({ id: "fb-logs" })),
    );
    const { editionId } = (await res.json()) as { editionId: string };
    await herald.settled();
    await herald.app.request(`/v1/editions/${editionId}/test`, {
      method: "POST",
      headers: { ...adminHeaders(), "content-type": "application/json" },
      body: JSON.stringify({ to: ["private.editor@example.org"] }),
    });
    const reject = sesEvent("Reject", "private.reader@example.org", {
      edition: editionId,
      detail: { reject: { reason: "private.reader@example.org looked like spam" } },
    });
    herald.sesEvents.publish(JSON.stringify(reject));
    herald.sesEvents.publish(
      JSON.stringify({ eventType: "Bounce", mail: { destination: ["private.reader@example.org"] } }),
    );
    herald.sesEvents.publish(
      JSON.stringify(
        sesEvent("Bounce", "private reader at example", {
          detail: bounceDetail("private reader at example"),
        }),
      ),
    );
    await herald.settled();

    // Assess
    const log = logs.text();
    expect(log).toContain("SES event applied");
    expect(log).toContain("SES did not deliver a message");
    expect(log).toContain("dropping a queued record that is not an SES event");
    expect(log).toContain("not addresses");
    expect(log).not.toMatch(/private|example\.org|simulator\.amazonses\.com/);
    expect(log).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
  });
});
