import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { holdsSignUp, recordSignUp, type SignUp, signUpWorkId } from "../../../functions/domain/sign-up.js";
import { type Subscriber, subscriberId } from "../../../functions/domain/subscriber.js";

const now = new Date("2026-12-06T01:00:00Z");
const email = "reader@example.org";
const signUp: fc.Arbitrary<SignUp> = fc
  .record(
    {
      topics: fc.uniqueArray(fc.constantFrom("world", "politics", "culture"), { minLength: 1 }),
      cadence: fc.constantFrom("instant" as const, "daily" as const),
      atMs: fc.integer({ min: 0, max: 3_600_000 }),
      source: fc.constantFrom("api", "form"),
      ip: fc.ipV4(),
      userAgent: fc.string({ maxLength: 20 }),
    },
    { requiredKeys: ["topics", "cadence", "atMs", "source"] },
  )
  .map(({ topics, cadence, atMs, source, ip, userAgent }) => ({
    email,
    topics,
    cadence,
    consent: {
      at: new Date(now.getTime() + atMs).toISOString(),
      source,
      ...(ip ? { ip } : {}),
      ...(userAgent !== undefined ? { userAgent } : {}),
      textVersion: "1",
    },
  }));
/** Nothing on file yet, or a record a sign-up may still change (pending, unsubscribed). */
const onFile: fc.Arbitrary<Subscriber | undefined> = fc.option(
  fc.constantFrom("pending" as const, "unsubscribed" as const).map(
    (status): Subscriber => ({
      id: subscriberId(email),
      email,
      status,
      topics: ["world"],
      cadence: "daily",
      consent: { at: "2026-01-01T00:00:00.000Z", source: "import" },
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-06-01T00:00:00.000Z",
    }),
  ),
  { nil: undefined },
);

describe("a sign-up applied twice", () => {
  it("is recognised in the record it made (as the record or its pending change), and no other sign-up is", () => {
    fc.assert(
      fc.property(onFile, signUp, signUp, (current, s, other) => {
        const recorded = recordSignUp(current, s, now) as Subscriber;
        expect(holdsSignUp(current, s)).toBe(false);
        expect(holdsSignUp(recorded, s)).toBe(true);
        const sameConsent = JSON.stringify(other.consent) === JSON.stringify(s.consent);
        expect(holdsSignUp(recorded, other)).toBe(sameConsent);
      }),
    );
  });

  it("names its unfinished-work entry by the address's id and the time it was accepted, never the address", () => {
    fc.assert(
      fc.property(signUp, (s) => {
        const id = signUpWorkId(s);
        expect(id).toBe(`${subscriberId(email)}#${s.consent.at}`);
        expect(id).not.toContain("@");
      }),
    );
  });
});
