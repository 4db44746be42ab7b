import type { Article } from "../../domain/article.js";
import type { ArticleImage } from "../../domain/article-image.js";
import type { Config } from "../../domain/config.js";
import { type CardInput, renderCard } from "./card.js";

/**
 * A topic slug as a person reads it: "climate-change" → "Climate change".
 *
 * @example
 * topicLabel("climate-change"); // "Climate change"
 */
export function topicLabel(topic: string): string {
  const words = topic.replace(/-+/g, " ").trim();
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

/**
 * What an edition's card shows: the newsroom's name and accent, the article's main topic, title
 * and author, and its image when one was fetched.
 *
 * @example
 * editionCardInput(article, config).byline; // "By Jane Doe"
 */
export function editionCardInput(article: Article, config: Config, image?: ArticleImage): CardInput {
  const [topic = ""] = article.topics;
  return {
    brandName: config.brand.name.slice(0, 200),
    accentColor: config.brand.accentColor,
    label: topicLabel(topic).slice(0, 100),
    headline: article.title,
    byline: article.author ? `By ${article.author}`.slice(0, 200) : undefined,
    imageDataUrl: image
      ? `data:${image.type};base64,${Buffer.from(image.bytes).toString("base64")}`
      : undefined,
  };
}

/**
 * The edition's 1200×630 card PNG, from the article and the newsroom's configuration. The image
 * is fetched by the caller (an adapter): rendering does no I/O.
 *
 * @example
 * const png = await renderEditionCard(article, config, { type: "image/jpeg", bytes });
 */
export function renderEditionCard(
  article: Article,
  config: Config,
  image?: ArticleImage,
): Promise<Uint8Array> {
  return renderCard(editionCardInput(article, config, image));
}
