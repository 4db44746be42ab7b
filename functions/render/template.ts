/**
 * The tiny fill-in syntax of Herald's MJML templates, applied once per edition before MJML runs:
 *
 * - `[[name]]` inserts `values.name`, which the caller has already escaped for HTML.
 * - `[[#name]] … [[/name]]` keeps the block only when `values.name` is a non-empty string or `true`.
 *
 * Square brackets because `{{…}}` belongs to SES: the per-recipient placeholders stay in the
 * template untouched and SES fills them for each recipient. Values are inserted in one pass, so a
 * value that itself contains `[[…]]` (article text can) is never expanded.
 */

/** A value for `[[name]]` (escaped HTML) or a condition for `[[#name]]`. */
export type TemplateValues = Readonly<Record<string, string | boolean>>;

const SECTION = /\[\[#(\w+)\]\]([\s\S]*?)\[\[\/\1\]\]/g;
const SLOT = /\[\[(\w+)\]\]/g;
const LEFTOVER = /\[\[[#/]?\w+\]\]/;

/**
 * Fills `source`; a name the template uses but `values` lacks is a bug in the renderer and throws.
 *
 * @example
 * fillTemplate("<p>[[title]]</p>[[#by]]<p>By [[by]]</p>[[/by]]", { title: "A &amp; B", by: "" });
 * // "<p>A &amp; B</p>"
 */
export function fillTemplate(source: string, values: TemplateValues): string {
  const lookup = (name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`template uses [[${name}]] but no value was given`);
    return values[name];
  };
  const withSections = source.replace(SECTION, (_, name: string, block: string) => {
    const value = lookup(name);
    return value === true || (typeof value === "string" && value !== "") ? block : "";
  });
  const leftover = withSections.replace(SLOT, "").match(LEFTOVER);
  if (leftover) throw new Error(`unbalanced or nested template section ${leftover[0]}`);
  return withSections.replace(SLOT, (_, name: string) => {
    const value = lookup(name);
    if (typeof value !== "string") throw new Error(`[[${name}]] is a condition, not a value`);
    return value;
  });
}
