import * as z from "zod";

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
