/**
 * An edition rendered once, shared by every recipient. The only `{{…}}` left in `subject`, `html`
 * and `text` are the per-recipient placeholders below, which SES fills from each entry's data.
 */
export interface RenderedEdition {
  subject: string;
  preheader: string;
  /** Email HTML (MJML output), under Gmail's 102 KB clipping limit. */
  html: string;
  /** Plain-text part. */
  text: string;
  /** "View in browser" page: the same content without the recipient's personal links. */
  webHtml: string;
}

/** The per-recipient placeholders, by name; nothing else in a rendered edition is `{{…}}`. */
export const PLACEHOLDERS = ["unsubscribeUrl", "preferencesUrl"] as const;

/** What the double opt-in email is made from. */
export interface ConfirmationInput {
  confirmUrl: string;
  topics: string[];
  cadence: "instant" | "daily";
}

/** A rendered single message (a confirmation): no placeholders, one recipient. */
export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
}
