/** The SES stand-in's store, as `GET /store` returns it. */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: Array<{ name: string; value: string }>;
  at: number;
}

export async function sentEmails(sesEndpoint: string): Promise<StoredEmail[]> {
  const res = await fetch(`${sesEndpoint}/store`);
  return ((await res.json()) as { emails: StoredEmail[] }).emails;
}

export async function clearEmails(sesEndpoint: string): Promise<void> {
  await fetch(`${sesEndpoint}/clear-store`, { method: "POST" });
}

/** The raw RFC 822 message the stand-in would deliver, for parsing with mailparser. */
export async function emlOf(sesEndpoint: string, messageId: string): Promise<Buffer> {
  const res = await fetch(`${sesEndpoint}/get-emlContent?messageId=${encodeURIComponent(messageId)}`);
  const { body } = (await res.json()) as { body: { type: "Buffer"; data: number[] } };
  return Buffer.from(body.data);
}

export function header(email: StoredEmail, name: string): string | undefined {
  return email.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

/** How many emails each address received. */
export function countByRecipient(emails: StoredEmail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of emails) for (const to of e.destination.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}
