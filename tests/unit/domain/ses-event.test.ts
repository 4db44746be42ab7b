import { describe, expect, it } from "vitest";
import { planFeedback, SesEvent } from "../../../functions/domain/ses-event.js";
import { subscriberId } from "../../../functions/domain/subscriber.js";
import { bounceDetail, complaintDetail, sesEvent } from "../../helpers/ses-events.js";

const EDITION = "ed_abcdefghijklmnopqrstuv";
const plan = (event: unknown) => planFeedback(SesEvent.parse(event));
const id = (email: string) => subscriberId(email);

describe("SES event classification", () => {
  it("a permanent bounce suppresses and counts `bounced` on the tagged edition", () => {
    const p = plan(
      sesEvent("Bounce", "Ana@Example.org", { edition: EDITION, detail: bounceDetail("Ana@Example.org") }),
    );
    expect(p.editionId).toBe(EDITION);
    expect(p.actions).toEqual([
      { kind: "hard-bounce", subscriberId: id("ana@example.org"), mark: expect.stringContaining("#Bounce#") },
    ]);
  });

  it("transient and undetermined bounces are soft: counted on the subscriber, not on the edition", () => {
    for (const type of ["Transient", "Undetermined"]) {
      const p = plan(
        sesEvent("Bounce", "ben@example.org", { detail: bounceDetail("ben@example.org", type) }),
      );
      expect(p.actions.map((a) => a.kind)).toEqual(["soft-bounce"]);
    }
  });

  it("a complaint names the complained recipients", () => {
    const p = plan(
      sesEvent("Complaint", "cleo@example.org", { detail: complaintDetail("cleo@example.org") }),
    );
    expect(p.actions).toEqual([
      { kind: "complaint", subscriberId: id("cleo@example.org"), mark: expect.any(String) },
    ]);
  });

  it("deliveries count; Reject and Rendering Failure count as failed, with their reason", () => {
    const counters = ["Delivery", "Reject", "Rendering Failure"].map((type) => {
      const detail =
        type === "Reject"
          ? { reject: { reason: "Bad content" } }
          : type === "Rendering Failure"
            ? { failure: { errorMessage: "Attribute 'x' is not present", templateName: "t" } }
            : {};
      const p = plan(sesEvent(type, "dev@example.org", { edition: EDITION, detail }));
      return [type, p.actions.map((a) => (a.kind === "count" ? a.counter : a.kind)), p.note];
    });
    expect(counters).toEqual([
      ["Delivery", ["delivered"], undefined],
      ["Reject", ["failed"], "Bad content"],
      ["Rendering Failure", ["failed"], "Attribute 'x' is not present"],
    ]);
  });

  it("DeliveryDelay, Send and Subscription change nothing", () => {
    for (const type of ["DeliveryDelay", "Send", "Subscription"]) {
      expect(plan(sesEvent(type, "eve@example.org", { edition: EDITION })).actions).toEqual([]);
    }
  });

  it("SES's own Open and Click events (a configuration set of an older deployment) are accepted and change nothing: Herald counts opens and clicks itself", () => {
    for (const type of ["Open", "Click"]) {
      expect(plan(sesEvent(type, "eve@example.org", { edition: EDITION })).actions).toEqual([]);
    }
  });

  it("marks tell events apart by message, type and recipient, and repeat for the same event", () => {
    const a = plan(sesEvent("Delivery", "x@example.org", { messageId: "m1", edition: EDITION }));
    const again = plan(sesEvent("Delivery", "x@example.org", { messageId: "m1", edition: EDITION }));
    const reject = plan(sesEvent("Reject", "x@example.org", { messageId: "m1", edition: EDITION }));
    const other = plan(sesEvent("Delivery", "x@example.org", { messageId: "m2", edition: EDITION }));
    expect(again.actions[0]?.mark).toBe(a.actions[0]?.mark);
    expect(new Set([a, reject, other].map((p) => p.actions[0]?.mark)).size).toBe(3);
    expect(a.actions[0]?.mark).not.toContain("@");
  });

  it("an untagged message (a test send, a confirmation) or a malformed tag names no edition", () => {
    expect(plan(sesEvent("Delivery", "x@example.org")).editionId).toBeUndefined();
    const forged = sesEvent("Delivery", "x@example.org");
    forged.mail.tags = { ...forged.mail.tags, edition: ["ED#x; DROP"] } as typeof forged.mail.tags;
    expect(plan(forged).editionId).toBeUndefined();
  });

  it("a daily briefing's tag names the briefing: its feedback counts on it as on an edition", () => {
    const event = sesEvent("Delivery", "x@example.org");
    event.mail.tags = { ...event.mail.tags, edition: ["br_20261125"] } as typeof event.mail.tags;
    expect(plan(event).editionId).toBe("br_20261125");
  });

  it("an address that does not parse is counted as unmatched, not guessed at", () => {
    const p = plan(sesEvent("Bounce", "nobody", { detail: bounceDetail("not an address") }));
    expect(p.actions).toEqual([]);
    expect(p.unmatched).toBe(1);
  });

  it("keeps addresses out of notes", () => {
    const p = plan(
      sesEvent("Reject", "x@example.org", { detail: { reject: { reason: "x@example.org is blocked" } } }),
    );
    expect(p.note).toBe("[email] is blocked");
  });

  it("refuses what is not an SES event: unknown types, no message id, a bounce without its type", () => {
    expect(SesEvent.safeParse({ eventType: "Bogus", mail: { messageId: "m" } }).success).toBe(false);
    expect(SesEvent.safeParse({ eventType: "Delivery", mail: {} }).success).toBe(false);
    const noType = sesEvent("Bounce", "x@example.org", { detail: { bounce: { bouncedRecipients: [] } } });
    expect(SesEvent.safeParse(noType).success).toBe(false);
    expect(SesEvent.safeParse(null).success).toBe(false);
  });
});
