import type { Personalization, RenderedEdition } from "./rendered.js";

export interface EmailPreview {
  subject: string;
  preheader: string;
  html: string;
  text: string;
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
