import mjml2html from "mjml";
import type { BriefingItem, BriefingSection } from "../domain/briefing/content.js";
import type { Config } from "../domain/config.js";
import { shownImageUrl } from "../domain/image-url.js";
import { PLACEHOLDERS, type RenderedEdition } from "../domain/rendered.js";
import { escapeHtml, neutralizePlaceholders, singleLine } from "../domain/text.js";
import { linkColorOnWhite, textColorOn } from "./colors.js";
import { GMAIL_CLIP_BYTES } from "./email.js";
import { truncateText } from "./excerpt.js";
import { assertOnlyPlaceholders } from "./placeholder-guard.js";
import { fillTemplate } from "./template.js";
import { templateSource } from "./template-source.js";
import { templatesDir } from "./templates-dir.js";
import { inertUrl } from "./urls.js";

/** A briefing summary is a teaser: about two lines. */
const SUMMARY_CHARS = 220;
const MAX_HTML_BYTES = GMAIL_CLIP_BYTES - 2_048;
const MJML_OPTIONS = {
  validationLevel: "strict",
  keepComments: true,
  minify: false,
  fonts: {},
  ignoreIncludes: true,
} as const;
const encoder = new TextEncoder();
const inert = (text: string) => neutralizePlaceholders(singleLine(text));

export interface BriefingInput {
  day: string;
  sections: BriefingSection[];
}

/**
 * One topic combination's daily briefing: sections in the newsroom's topic order, newest story
 * first. A day with more stories than fit under Gmail's clipping size keeps the newest and says how
 * many more there were.
 *
 * @example
 * const r = await renderBriefing({ day: "20261125", sections: [{ topic: "world", items }] }, config);
 * r.subject; // "The Daily Herald briefing: Storm closes the bridge"
 */
export async function renderBriefing(input: BriefingInput, config: Config): Promise<RenderedEdition> {
  const dir = templatesDir();
  const [page, section, item] = await Promise.all(
    ["briefing.mjml", "partials/briefing-section.mjml", "partials/briefing-item.mjml"].map((f) =>
      templateSource(dir, f),
    ),
  );
  const total = input.sections.reduce((n, s) => n + s.items.length, 0);
  for (let keep = total; keep > 0; keep = Math.max(1, Math.floor(keep * 0.8))) {
    const sections = newest(input.sections, keep);
    const values = pageValues(input.day, sections, total - keep, config);
    const body = sections
      .map((s) =>
        fillTemplate(section as string, {
          ...values.colors,
          topic: escapeHtml(topicLabel(s.topic)),
          items: s.items.map((i) => fillTemplate(item as string, itemValues(i))).join("\n"),
        }),
      )
      .join("\n");
    const { html } = await mjml2html(
      fillTemplate(page as string, { ...values.page, sections: body }),
      MJML_OPTIONS,
    );
    if (encoder.encode(html).length <= MAX_HTML_BYTES || keep === 1) {
      return finish({ ...values.text, sections, more: total - keep }, html);
    }
  }
  throw new Error("a briefing needs at least one story");
}

/** The `keep` newest stories, in their sections (empty sections dropped). */
function newest(sections: BriefingSection[], keep: number): BriefingSection[] {
  const kept = new Set(
    sections
      .flatMap((s) => s.items)
      .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt))
      .slice(0, keep),
  );
  return sections
    .map((s) => ({ topic: s.topic, items: s.items.filter((i) => kept.has(i)) }))
    .filter((s) => s.items.length > 0);
}

const topicLabel = (topic: string) => topic.replace(/-/g, " ").toLocaleUpperCase("en");

function dateLine(day: string): string {
  const date = new Date(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T12:00:00Z`);
  return date.toLocaleDateString("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

function pageValues(day: string, sections: BriefingSection[], more: number, config: Config) {
  const brandName = inert(config.brand.name);
  const first = sections[0]?.items[0];
  const titles = sections.flatMap((s) => s.items.map((i) => inert(i.title)));
  const subject = `${brandName} briefing: ${titles[0] ?? ""}`;
  const preheader = truncateText(titles.slice(1).join(" · ") || inert(first?.summary ?? ""), 150);
  const postal = config.brand.postalAddress.split(/\r?\n/).map((l) => inert(l.trim()));
  const moreText =
    more > 0 ? `And ${more} more ${more === 1 ? "story" : "stories"} since your last briefing.` : "";
  const colors = { accent: config.brand.accentColor, linkColor: linkColorOnWhite(config.brand.accentColor) };
  return {
    colors,
    text: { subject, preheader, brandName, dateLine: dateLine(day), postal },
    page: {
      ...colors,
      subject: escapeHtml(subject),
      preheader: escapeHtml(preheader),
      brandName: escapeHtml(brandName),
      onAccent: textColorOn(config.brand.accentColor),
      dateLine: escapeHtml(dateLine(day)),
      more: escapeHtml(moreText),
      postalAddress: postal.map(escapeHtml).join("<br />"),
    },
  };
}

function itemValues(i: BriefingItem) {
  const shown = i.imageUrl && shownImageUrl(i.imageUrl);
  const image = shown ? escapeHtml(inertUrl(shown)) : "";
  const summary = i.summary ? truncateText(inert(i.summary), SUMMARY_CHARS) : "";
  return {
    imageUrl: image,
    url: escapeHtml(inertUrl(i.url)),
    title: escapeHtml(inert(i.title)),
    summary: escapeHtml(summary),
    textWidth: image ? "66%" : "100%",
    titlePadding: image ? "0 24px 6px 16px" : "0 24px 6px",
    summaryPadding: image ? "0 24px 0 16px" : "0 24px",
  };
}

interface TextParts {
  subject: string;
  preheader: string;
  brandName: string;
  dateLine: string;
  postal: string[];
  sections: BriefingSection[];
  more: number;
}

function finish(p: TextParts, html: string): RenderedEdition {
  const text = [
    `${p.brandName}: your daily briefing, ${p.dateLine}`,
    ...p.sections.map((s) =>
      [
        topicLabel(s.topic),
        ...s.items.map((i) =>
          [inert(i.title), i.summary ? truncateText(inert(i.summary), SUMMARY_CHARS) : "", inertUrl(i.url)]
            .filter(Boolean)
            .join("\n"),
        ),
      ].join("\n\n"),
    ),
    p.more > 0 ? `And ${p.more} more since your last briefing.` : "",
    [
      "--",
      `You receive this because you subscribed to ${p.brandName}.`,
      "Unsubscribe: {{unsubscribeUrl}}",
      "Preferences: {{preferencesUrl}}",
      ...p.postal,
    ].join("\n"),
  ]
    .filter(Boolean)
    .join("\n\n");
  const rendered = { subject: p.subject, preheader: p.preheader, html, text: `${text}\n`, webHtml: "" };
  assertOnlyPlaceholders("subject", rendered.subject, []);
  assertOnlyPlaceholders("html", rendered.html, PLACEHOLDERS);
  assertOnlyPlaceholders("text", rendered.text, PLACEHOLDERS);
  return rendered;
}
