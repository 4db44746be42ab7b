import type { Config } from "./config.js";
import type { PLACEHOLDERS, RenderedEdition } from "./rendered.js";

/** What fills a render's per-recipient placeholders. */
type Personalization = Record<(typeof PLACEHOLDERS)[number], string>;

export interface EmailPreview {
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

/**
 * An editor's preview links: the edition's harmless web version, never a working unsubscribe.
 *
 * @example
 * previewLinks({ publicUrl: "https://news.example" }, "ed_…").unsubscribeUrl; // …/v1/editions/ed_…/web
 */
export function previewLinks(config: Pick<Config, "publicUrl">, editionId: string): Personalization {
  const web = `${config.publicUrl}/v1/editions/${editionId}/web`;
  return { unsubscribeUrl: web, preferencesUrl: web };
}

/**
 * A stored render as a reader's mail client shows it, with the per-recipient placeholders filled by
 * `links` (for an editor's preview: links to the harmless web version, never a working unsubscribe).
 *
 * @example
 * emailPreview(rendered, previewLinks(config, editionId)).html; // no "{{" left
 */
export function emailPreview(rendered: RenderedEdition, links: Personalization): EmailPreview {
  const fill = (s: string) =>
    s.replace(/\{\{(\w+)\}\}/g, (all, name: string) =>
      name in links ? links[name as keyof Personalization] : all,
    );
  return {
    subject: fill(rendered.subject),
    preheader: rendered.preheader,
    html: fill(rendered.html),
    text: fill(rendered.text),
  };
}
