import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { confirmSignUp, recordSignUp, type SignUp } from "../../../functions/domain/sign-up.js";
import { type Subscriber, subscriberId } from "../../../functions/domain/subscriber.js";

const now = new Date("2026-12-06T01:00:00Z");
const topics = fc.uniqueArray(fc.constantFrom("world", "politics", "business", "culture"), { minLength: 1 });
const cadence = fc.constantFrom("instant" as const, "daily" as const);
const consent = fc.record(
  {
    at: fc.constant(now.toISOString()),
    source: fc.constantFrom("api", "form"),
    ip: fc.ipV4(),
    userAgent: fc.string({ maxLength: 40 }),
    textVersion: fc.constant("1"),
  },
  { requiredKeys: ["at", "source"] },
);
const signUp = (email: string) =>
  fc
    .record({
      email: fc.constant(email),
      name: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: undefined }),
      topics,
      cadence,
      consent,
    })
    .map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as SignUp);

/** A record on file that is not active: imported and left, or signed up and never confirmed. */
const known: fc.Arbitrary<Subscriber> = fc
  .record({
    status: fc.constantFrom("pending" as const, "unsubscribed" as const),
    name: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: undefined }),
    topics,
    cadence,
    source: fc.constantFrom("import", "api", "form"),
  })
  .map(({ status, name, topics, cadence, source }) => ({
    id: subscriberId("reader@example.org"),
    email: "reader@example.org",
    ...(name ? { name } : {}),
    status,
    topics,
    cadence,
    consent: {
      at: "2026-01-01T00:00:00.000Z",
      source,
      ip: "192.0.2.1",
      confirmedAt: "2026-01-01T00:05:00.000Z",
    },
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-06-01T00:00:00.000Z",
  }));

describe("a sign-up for an address on file", () => {
  it("changes nothing of the record but its pending change (and a pending record's expiry)", () => {
    fc.assert(
      fc.property(
        known,
        fc.array(signUp("reader@example.org"), { minLength: 1, maxLength: 4 }),
        (record, signUps) => {
          let current = record;
          for (const s of signUps) current = recordSignUp(current, s, now) ?? current;
          const { pendingChange, expiresAt, ...rest } = current;
          expect(rest).toEqual(record);
          const last = signUps.at(-1) as SignUp;
          expect(pendingChange).toEqual({
            ...(last.name ? { name: last.name } : {}),
            topics: last.topics,
            cadence: last.cadence,
            consent: last.consent,
          });
        },
      ),
    );
  });

  it("leaves active and suppressed records alone", () => {
    fc.assert(
      fc.property(
        known,
        fc.constantFrom("active" as const, "suppressed" as const),
        signUp("reader@example.org"),
        (record, status, s) => {
          expect(recordSignUp({ ...record, status }, s, now)).toBeUndefined();
        },
      ),
    );
  });

  it("takes effect when confirmed, appending its consent to the history and keeping the first", () => {
    fc.assert(
      fc.property(known, signUp("reader@example.org"), (record, s) => {
        const later = new Date(now.getTime() + 60_000);
        const confirmed = confirmSignUp(recordSignUp(record, s, now) as Subscriber, later) as Subscriber;
        expect(confirmed).toMatchObject({
          status: "active",
          topics: s.topics,
          cadence: s.cadence,
          consent: record.consent,
        });
        expect(confirmed.name).toBe(s.name ?? record.name);
        expect(confirmed.pendingChange).toBeUndefined();
        expect(confirmed.consentHistory).toEqual([{ ...s.consent, confirmedAt: later.toISOString() }]);
        // A second consent is appended behind the first.
        const again = confirmSignUp(
          recordSignUp({ ...confirmed, status: "unsubscribed" }, s, later) as Subscriber,
          later,
        ) as Subscriber;
        expect(again.consentHistory).toHaveLength(2);
        expect(again.consentHistory?.[0]).toEqual(confirmed.consentHistory?.[0]);
      }),
    );
  });

  it("is not confirmed once older than a link lives, and an unsubscribed record without one has nothing to confirm", () => {
    fc.assert(
      fc.property(known, signUp("reader@example.org"), (record, s) => {
        const changed = recordSignUp({ ...record, status: "unsubscribed" }, s, now) as Subscriber;
        expect(confirmSignUp(changed, new Date(now.getTime() + 8 * 86400_000))).toBeUndefined();
        expect(confirmSignUp({ ...record, status: "unsubscribed" }, now)).toBeUndefined();
      }),
    );
  });

  it("a new address becomes a pending record that expires with its link", () => {
    const s: SignUp = {
      email: "new@example.org",
      topics: ["world"],
      cadence: "daily",
      consent: { at: now.toISOString(), source: "api" },
    };
    const fresh = recordSignUp(undefined, s, now) as Subscriber;
    expect(fresh).toMatchObject({
      status: "pending",
      email: "new@example.org",
      topics: ["world"],
      consent: s.consent,
    });
    expect(fresh.expiresAt).toBe(Math.floor(now.getTime() / 1000) + 7 * 86400);
    expect(confirmSignUp(fresh, now)).toMatchObject({
      status: "active",
      consent: { confirmedAt: now.toISOString() },
    });
  });
});
