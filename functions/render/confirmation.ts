import mjml2html from "mjml";
import type { Config } from "../domain/config.js";
import type { ConfirmationInput, RenderedMessage } from "../domain/rendered.js";
import { escapeHtml, neutralizePlaceholders, singleLine } from "../domain/text.js";
import { textColorOn } from "./colors.js";
import { fillTemplate } from "./template.js";
import { templateSource } from "./template-source.js";
import { templatesDir } from "./templates-dir.js";

const cadenceText = { instant: "each article as it is published", daily: "one daily briefing" };

/**
 * The double opt-in email for one subscriber. Nothing in it comes from the subscriber but their
 * topic choice, which was validated against the configured list.
 *
 * @example
 * const { subject, html } = await renderConfirmation({ confirmUrl, topics: ["world"], cadence: "instant" }, config);
 */
export async function renderConfirmation(input: ConfirmationInput, config: Config): Promise<RenderedMessage> {
  const brandName = neutralizePlaceholders(singleLine(config.brand.name));
  const postal = config.brand.postalAddress.split(/\r?\n/).map((l) => l.trim());
  const source = await templateSource(templatesDir(), "confirmation.mjml");
  const mjml = fillTemplate(source, {
    brandName: escapeHtml(brandName),
    preheader: escapeHtml(`One click to start receiving ${brandName}.`),
    accent: config.brand.accentColor,
    onAccent: textColorOn(config.brand.accentColor),
    topics: escapeHtml(input.topics.join(", ")),
    cadence: cadenceText[input.cadence],
    confirmUrl: escapeHtml(input.confirmUrl),
    postalAddress: postal.map(escapeHtml).join("<br />"),
  });
  const { html } = await mjml2html(mjml, {
    validationLevel: "strict",
    minify: false,
    fonts: {},
    ignoreIncludes: true,
  });
  const text = [
    `Confirm your subscription to ${brandName}`,
    "",
    `Someone, hopefully you, asked to receive ${brandName} at this address: ${input.topics.join(", ")}, ${cadenceText[input.cadence]}.`,
    "",
    `Yes, subscribe me: ${input.confirmUrl}`,
    "",
    "The link works for 7 days. If you did not ask for this, ignore this email: you will not hear from us again.",
    "",
    "--",
    brandName,
    ...postal,
  ].join("\n");
  return { subject: `Confirm your subscription to ${brandName}`, html, text };
}
