import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHerald, type TestHerald } from "../helpers/herald.js";

let herald: TestHerald;
beforeAll(async () => {
  herald = await startHerald();
});
afterAll(() => herald.stop());

/** Names every plain object answers to: a lookup without an own-property check finds them. */
const inherited = Object.getOwnPropertyNames(Object.prototype);

const part = fc.oneof(fc.constantFrom(...inherited), fc.stringMatching(/^[A-Za-z0-9_-]{0,12}$/));
/** Tokens shaped like Herald's (`purpose.subject.kid.expiry.mac`) whose parts are inherited names. */
const hostileTokens = fc.oneof(
  fc
    .tuple(fc.constantFrom("c", "u", "p", ...inherited), part, fc.constantFrom(...inherited), part, part)
    .map((parts) => parts.join(".")),
  fc.array(part, { minLength: 1, maxLength: 7 }).map((parts) => parts.join(".")),
);

/** Every route that takes a link token, as a browser or a mailbox provider calls it. */
const tokenRoutes: Array<[string, string, RequestInit?]> = [
  ["GET", "/v1/confirm"],
  ["GET", "/v1/unsubscribe"],
  [
    "POST",
    "/v1/unsubscribe",
    {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    },
  ],
  ["GET", "/v1/preferences"],
  [
    "POST",
    "/v1/preferences",
    {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "action=save&topics=world&cadence=daily",
    },
  ],
];

describe("properties: token routes refuse tokens naming inherited properties with a 400", () => {
  it.each(tokenRoutes)("%s %s", async (method, path, init) => {
    await fc.assert(
      fc.asyncProperty(hostileTokens, async (token) => {
        const res = await herald.app.request(`${path}?token=${encodeURIComponent(token)}`, {
          method,
          ...init,
        });
        expect(res.status).toBe(400);
      }),
      { numRuns: 60, examples: [["c.x.constructor.0.x"], ["u.x.__proto__.0.x"], ["p.x.toString.0.x"]] },
    );
  });
});
