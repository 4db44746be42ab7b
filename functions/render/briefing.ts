import mjml2html from "mjml";
import { type BriefingSection, comboTopics } from "../domain/briefing/content.js";
import type { Config } from "../domain/config.js";
import { PLACEHOLDERS, type RenderedEdition } from "../domain/rendered.js";
import { escapeHtml } from "../domain/text.js";
import { briefingItemValues, inert, SUMMARY_CHARS } from "./briefing-item.js";
import { linkColorOnWhite, textColorOn } from "./colors.js";
import { GMAIL_CLIP_BYTES } from "./email.js";
import { truncateText } from "./excerpt.js";
import { assertOnlyPlaceholders } from "./placeholder-guard.js";
import { fillTemplate } from "./template.js";
import { templateSource } from "./template-source.js";
import { templatesDir } from "./templates-dir.js";
import { inertUrl } from "./urls.js";
import { webVersion } from "./web-version.js";

const MAX_HTML_BYTES = GMAIL_CLIP_BYTES - 2_048;
const MJML_OPTIONS = {
  validationLevel: "strict",
  keepComments: true,
  minify: false,
  fonts: {},
  ignoreIncludes: true,
} as const;
const encoder = new TextEncoder();

export interface BriefingInput {
  /** The briefing and the topic combination: they name the web version's address. */
  id: string;
  combo: string;
  day: string;
  sections: BriefingSection[];
}

/**
 * The web version of one combination's briefing, linked from its "View in browser".
 *
 * @example
 * briefingWebUrl("https://herald.example", "br_20261125", "politics+world");
 * // "https://herald.example/v1/briefings/br_20261125/web/politics,world"
 */
function briefingWebUrl(publicUrl: string, id: string, combo: string): string {
  const topics = comboTopics(combo).map(encodeURIComponent).join(",");
  return `${publicUrl}/v1/briefings/${encodeURIComponent(id)}/web/${topics}`;
}

/**
 * One topic combination's daily briefing: sections in the newsroom's topic order, newest story
 * first. A day with more stories than fit under Gmail's clipping size keeps the newest and says how
 * many more there were.
 *
 * @example
 * const r = await renderBriefing({ id: "br_20261125", combo: "world", day: "20261125", sections: [{ topic: "world", items }] }, config);
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
    const webUrl = inertUrl(briefingWebUrl(config.publicUrl, input.id, input.combo));
    const values = pageValues(input.day, sections, total - keep, config, webUrl);
    const body = sections
      .map((s) =>
        fillTemplate(section as string, {
          ...values.colors,
          topic: escapeHtml(topicLabel(s.topic)),
          items: s.items
            .map((i) =>
              fillTemplate(item as string, briefingItemValues(i, config.publicUrl, values.colors.linkColor)),
            )
            .join("\n"),
        }),
      )
      .join("\n");
    const { html } = await mjml2html(
      fillTemplate(page as string, { ...values.page, sections: body }),
      MJML_OPTIONS,
    );
    if (encoder.encode(html).length <= MAX_HTML_BYTES || keep === 1) {
      return finish({ ...values.text, sections, more: total - keep, webUrl }, html);
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

function pageValues(day: string, sections: BriefingSection[], more: number, config: Config, webUrl: string) {
  const brandName = inert(config.brand.name);
  const first = sections[0]?.items[0];
  const titles = sections.flatMap((s) => s.items.map((i) => inert(i.title)));
  const subject = `${brandName} briefing: ${titles[0] ?? ""}`;
  const preheader = truncateText(titles.slice(1).join(" · ") || inert(first?.summary ?? ""), 150);
  const postal = config.brand.postalAddress.split(/\r?\n/).map((l) => inert(l.trim()));
  const moreText =
    more > 0 ? `And ${more} more ${more === 1 ? "story" : "stories"} since your last briefing.` : "";
  const count = sections.reduce((n, s) => n + s.items.length, 0);
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
      storyCount: `${count} ${count === 1 ? "story" : "stories"}`,
      webUrl: escapeHtml(webUrl),
      postalAddress: postal.map(escapeHtml).join("<br />"),
    },
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
  webUrl: string;
}

function finish(p: TextParts, html: string): RenderedEdition {
  const text = [
    `${p.brandName}: your daily briefing, ${p.dateLine}\nView in your browser: ${p.webUrl}`,
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
  const rendered = {
    subject: p.subject,
    preheader: p.preheader,
    html,
    text: `${text}\n`,
    webHtml: webVersion(html),
  };
  assertOnlyPlaceholders("subject", rendered.subject, []);
  assertOnlyPlaceholders("html", rendered.html, PLACEHOLDERS);
  assertOnlyPlaceholders("text", rendered.text, PLACEHOLDERS);
  assertOnlyPlaceholders("webHtml", rendered.webHtml, []);
  return rendered;
}
