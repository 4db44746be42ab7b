import { BriefingId } from "../domain/briefing/schedule.js";
import { EditionId } from "../domain/edition.js";
import { emailLinks } from "../domain/tracking/tracked-html.js";
import type { Ports } from "./ports.js";

const cache = new Map<string, string[]>();

/**
 * The links of the email sent for `target` (an edition, or a briefing's `variant`), in the order
 * tracked URLs index them; `undefined` when there is no such email. Read from the stored render, once
 * per warm container: a render never changes after its first send.
 *
 * @example
 * const links = await targetLinks(ports, "ed_…", "");
 */
export async function targetLinks(
  ports: Pick<Ports, "editions" | "briefings" | "config">,
  target: string,
  variant: string,
): Promise<string[] | undefined> {
  const key = `${ports.config.tableName} ${target} ${variant}`;
  const known = cache.get(key);
  if (known) return known;
  const render =
    EditionId.safeParse(target).success && variant === ""
      ? await ports.editions.getRender(target)
      : BriefingId.safeParse(target).success
        ? await ports.briefings.getRender(target, variant)
        : undefined;
  if (!render) return undefined;
  const links = emailLinks(render.html);
  if (cache.size >= 256) cache.delete(cache.keys().next().value as string);
  cache.set(key, links);
  return links;
}
