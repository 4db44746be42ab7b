import { describe, expect, it } from "vitest";
import { planFeedback, SesEvent } from "../../../functions/domain/ses-event.js";
import type { Mailer } from "../../../functions/flows/ports.js";
import { simulatorEvents, withMailboxSimulator } from "../../../functions/local/mailbox-simulator.js";

const at = new Date("2026-11-25T10:00:00Z");
const events = (to: string) =>
  simulatorEvents({ messageId: "m-1", from: "news@herald.localhost", to, tags: { edition: "ed_x" }, at });
const kinds = (to: string) =>
  events(to).map((e) => {
    const plan = planFeedback(SesEvent.parse(e));
    return plan.actions.map((a) => (a.kind === "count" ? a.counter : a.kind)).join(",") || plan.eventType;
  });

describe("the local mailbox simulator", () => {
  it("answers each simulator address as SES does, in SES's own event format", () => {
    expect(kinds("success@simulator.amazonses.com")).toEqual(["delivered"]);
    expect(kinds("bounce@simulator.amazonses.com")).toEqual(["hard-bounce"]);
    expect(kinds("suppressionlist@simulator.amazonses.com")).toEqual(["hard-bounce"]);
    expect(kinds("ooto@simulator.amazonses.com")).toEqual(["delivered", "soft-bounce"]);
    expect(kinds("complaint@simulator.amazonses.com")).toEqual(["delivered", "complaint"]);
  });

  it("accepts labels and any case, and ignores every other address", () => {
    expect(kinds("Bounce+edition-7@Simulator.AmazonSES.com")).toEqual(["hard-bounce"]);
    expect(events("bounce@example.org")).toEqual([]);
    expect(events("bounce@simulator.amazonses.com.evil.example")).toEqual([]);
  });

  it("carries the message id and the message tags as SES does (each tag a list)", () => {
    const [e] = events("success@simulator.amazonses.com");
    expect(e).toMatchObject({
      mail: {
        messageId: "m-1",
        destination: ["success@simulator.amazonses.com"],
        tags: { edition: ["ed_x"] },
      },
    });
  });

  it("publishes the events of accepted entries only, after SES answered", async () => {
    const inner: Mailer = {
      sendBulk: async (m) =>
        m.entries.map((e, i) =>
          i === 1 ? { kind: "failed", error: "x" } : { kind: "sent", messageId: `id-${e.to}` },
        ),
      sendOne: async () => ({ messageId: "one" }),
    };
    const published: string[] = [];
    const mailer = withMailboxSimulator(inner, (m) => published.push(m));
    const entry = (to: string) => ({ to, data: {}, headers: [] });
    await mailer.sendBulk({
      from: "f",
      subject: "s",
      html: "h",
      text: "t",
      tags: {},
      entries: [
        entry("bounce@simulator.amazonses.com"),
        entry("complaint@simulator.amazonses.com"),
        entry("ana@example.org"),
      ],
    });
    expect(published).toHaveLength(1);
    expect(JSON.parse(published[0] ?? "{}")).toMatchObject({
      eventType: "Bounce",
      mail: { messageId: "id-bounce@simulator.amazonses.com" },
    });
  });
});
