import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";

/**
 * Template files are read once per process: a warm Lambda renders many editions from the same
 * source. `<mj-include>` partials are inlined here rather than by MJML, which would read them from
 * disk again on every render; the tags stay standard, so the MJML CLI can still preview a template.
 * Authoring comments are dropped too: MJML keeps comments (it must, for the `herald:` markers and
 * Outlook's conditional comments) and would ship the template's notes to every inbox.
 */

const INCLUDE = /<mj-include\s+path="([^"]+)"\s*\/>/g;
const AUTHORING_COMMENT = /<!--(?!\[if |<!\[endif\]|\/?herald:)[\s\S]*?-->/g;
const cache = new Map<string, Promise<string>>();

/**
 * The MJML source of `name` in `dir`, partials inlined, from the cache after the first call.
 *
 * @example
 * const mjml = await templateSource(templatesDir(), "article.mjml");
 */
export function templateSource(dir: string, name: string): Promise<string> {
  const file = resolve(dir, name);
  let source = cache.get(file);
  if (!source) {
    source = readWithPartials(dir, file, new Set());
    // A failed read (a missing file during a deploy) must not poison the process for good.
    source.catch(() => cache.delete(file));
    cache.set(file, source);
  }
  return source;
}

async function readWithPartials(root: string, file: string, seen: Set<string>): Promise<string> {
  if (seen.has(file)) throw new Error(`template include cycle at ${file}`);
  const text = (await readFile(file, "utf8")).replace(AUTHORING_COMMENT, "");
  const partials = await Promise.all(
    [...text.matchAll(INCLUDE)].map(([, path = ""]) => {
      const partial = resolve(dirname(file), path);
      if (relative(root, partial).startsWith("..")) {
        throw new Error(`template include outside ${root}: ${path}`);
      }
      return readWithPartials(root, partial, new Set([...seen, file]));
    }),
  );
  let next = 0;
  return text.replace(INCLUDE, () => partials[next++] ?? "");
}
