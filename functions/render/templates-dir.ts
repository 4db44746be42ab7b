import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Where the email templates live. From source (tsx, vitest) they sit at the repository root; in a
 * Lambda bundle esbuild has flattened this module into one file and the deployment copies
 * `templates/email/` next to it. Both places are tried, in that order.
 *
 * @example
 * const dir = templatesDir(); // ".../templates/email/" (with a trailing slash)
 */
export function templatesDir(): string {
  const candidates = [
    new URL("../../templates/email/", import.meta.url),
    new URL("./templates/email/", import.meta.url),
  ].map((url) => fileURLToPath(url));
  const found = candidates.find((dir) => existsSync(`${dir}article.mjml`));
  if (!found) {
    throw new Error(`email templates not found; looked in ${candidates.join(" and ")}`);
  }
  return found;
}
