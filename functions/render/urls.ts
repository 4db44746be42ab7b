/**
 * URLs from outside (article links, image sources) are copied into the email, where SES treats
 * `{{…}}` as a placeholder. Percent-encoding the braces keeps such a URL inert without changing
 * where it leads: servers decode `%7B` to `{`.
 *
 * @example
 * inertUrl("https://news.example/?q={{x}}"); // "https://news.example/?q=%7B%7Bx%7D%7D"
 */
export function inertUrl(href: string): string {
  return href.replace(/\{/g, "%7B").replace(/\}/g, "%7D");
}
