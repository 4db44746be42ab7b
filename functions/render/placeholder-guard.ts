/**
 * The last line of defence before SES: a `{{` that is not one of the expected placeholders would
 * make SES fill in, or fail to render, something per recipient (and SES reports a failed render
 * only as an event, after accepting the message). Rendering throws instead.
 */

/**
 * Throws unless every `{{` in `text` starts one of `allowed` as `{{name}}`.
 *
 * @example
 * assertOnlyPlaceholders("html", "<a href='{{unsubscribeUrl}}'>", ["unsubscribeUrl"]); // fine
 * assertOnlyPlaceholders("subject", "Hi {{name}}", []); // throws
 */
export function assertOnlyPlaceholders(part: string, text: string, allowed: readonly string[]): void {
  // Every position, not just non-overlapping pairs: "{{{x}}}" has a "{{" at both of its first two braces.
  for (const match of text.matchAll(/\{(?=\{)/g)) {
    const at = match.index;
    const ok = allowed.some((name) => text.startsWith(`{{${name}}}`, at));
    if (!ok) {
      throw new Error(`unexpected placeholder in ${part}: ${JSON.stringify(text.slice(at, at + 40))}`);
    }
  }
}
