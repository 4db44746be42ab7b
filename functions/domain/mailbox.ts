/**
 * Domains whose mail servers ignore dots in the local part, and the domain they really are.
 * Gmail is the one big provider that does: `a.b@gmail.com`, `ab@gmail.com` and `ab@googlemail.com`
 * are one inbox.
 */
const DOTLESS_DOMAINS: Record<string, string> = {
  "gmail.com": "gmail.com",
  "googlemail.com": "gmail.com",
};

/**
 * The inbox an address delivers to, as a key for per-recipient limits: lower-cased, a `+tag` cut off
 * (sub-addressing, RFC 5233, lands in the base inbox at nearly every provider; where it does not, two
 * real inboxes merely share a limit, which errs on the safe side), dots dropped and `googlemail.com`
 * read as `gmail.com` where the provider ignores them. It is never an address to send to: mail goes
 * to what the reader typed.
 *
 * @example
 * mailboxKey("M.Bomb+7@GoogleMail.com"); // "mbomb@gmail.com"
 * mailboxKey("ana+news@example.org");   // "ana@example.org"
 */
export function mailboxKey(address: string): string {
  const email = address.trim().toLowerCase();
  const at = email.lastIndexOf("@");
  if (at < 0) return email;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1).replace(/\.+$/, "");
  const plus = local.indexOf("+");
  // A local part that is nothing but a tag ("+x@…") keeps it: there is no base inbox to fold into.
  if (plus > 0) local = local.slice(0, plus);
  const dotless = DOTLESS_DOMAINS[domain];
  if (dotless) {
    domain = dotless;
    local = local.replaceAll(".", "") || local;
  }
  return `${local}@${domain}`;
}
