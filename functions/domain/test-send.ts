import * as z from "zod";
import type { Config } from "./config.js";
import type { Personalization } from "./rendered.js";

/** An editor's proof copies: a handful of addresses, never a list. */
export const MAX_TEST_RECIPIENTS = 10;

export const TestSendRequest = z.object({
  to: z
    .array(z.string().trim().toLowerCase().max(254).pipe(z.email("not an email address")))
    .min(1, "name at least one address")
    .max(MAX_TEST_RECIPIENTS, `at most ${MAX_TEST_RECIPIENTS} addresses`),
});
export type TestSendRequest = z.infer<typeof TestSendRequest>;

export const TestSendResult = z.object({
  /** Handed to SES. */
  sent: z.number(),
  /** On the suppression list: never mailed, test or not. */
  skipped: z.number(),
  /** Refused by SES (the entry's error is in the log). */
  failed: z.number(),
});
export type TestSendResult = z.infer<typeof TestSendResult>;

/** The message tag of a test send: not `edition`, so its SES events move no edition counter. */
export const TEST_SEND_TAG = "test";

/**
 * Links for a test recipient who is not a subscriber: every personal link (unsubscribe, preferences,
 * the List-Unsubscribe header) points at the edition's web version, so a click or a mail client's
 * one-click POST changes nothing for anyone.
 */
export function previewLinks(config: Pick<Config, "publicUrl">, editionId: string): Personalization {
  const web = `${config.publicUrl}/v1/editions/${editionId}/web`;
  return { unsubscribeUrl: web, preferencesUrl: web };
}
