import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmailKind, type EveryEmail, sendEveryEmail } from "../helpers/every-email.js";
import { startHerald, type TestHerald } from "../helpers/herald.js";
import { emlOf } from "../helpers/ses-store.js";
import { spamScore } from "../helpers/spamassassin.js";

// Each kind of email Herald sends, as the SES stand-in would deliver it (raw MIME, headers and
// both parts), scored by SpamAssassin with its shipped local rules. A filter that does not like a
// newsletter's markup costs the whole list its inbox placement, so anything that scores is a bug.
const LIMIT = 0.5;
let clock = new Date("2026-11-24T09:00:00Z");
let herald: TestHerald;
let sent: EveryEmail;

beforeAll(async () => {
  herald = await startHerald({}, { now: () => clock });
  sent = await sendEveryEmail(herald, (iso) => {
    clock = new Date(iso);
  });
});
afterAll(() => herald?.stop());

describe("SpamAssassin (local rules) on every kind of email", () => {
  it.each<EmailKind>(["confirmation", "edition", "briefing", "test send", "share"])(
    "the %s email scores at most 0.5",
    async (kind) => {
      const email = sent.emails[kind];
      const verdict = await spamScore(await emlOf(herald.sesEndpoint, email.messageId));
      expect(verdict.score, `${kind}: ${verdict.rules.join(" ")}`).toBeLessThanOrEqual(LIMIT);
    },
  );
});
