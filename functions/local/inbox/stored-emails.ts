import { createRequire } from "node:module";

/** An email as the SES stand-in keeps it (`aws-ses-v2-local`'s store). */
export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo?: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: Array<{ name: string; value: string }>;
  /** Unix seconds. */
  at: number;
}

const require = createRequire(import.meta.url);
const store = () =>
  (
    require("aws-ses-v2-local/dist/store.js") as { getStoreReadonly(): { emails: StoredEmail[] } }
  ).getStoreReadonly();
const eml = require("aws-ses-v2-local/dist/emlFile.js") as {
  createEmlContent(email: StoredEmail): Promise<{ body: Buffer }>;
};

/**
 * What the SES stand-in running in this process received, newest first. Read in the process, not
 * over its HTTP `/store`: a kept inbox of 20,000 emails would be serialized whole for each page.
 *
 * @example
 * const [latest] = receivedEmails();
 */
export function receivedEmails(): StoredEmail[] {
  return [...store().emails].reverse();
}

/**
 * One received email as the RFC 822 message the stand-in composes from it (with its headers),
 * or `undefined` when there is no such email.
 *
 * @example
 * const raw = await rawMessage("ses-0123");
 */
export async function rawMessage(messageId: string): Promise<string | undefined> {
  const email = store().emails.find((e) => e.messageId === messageId);
  return email ? (await eml.createEmlContent(email)).body.toString("utf8") : undefined;
}
