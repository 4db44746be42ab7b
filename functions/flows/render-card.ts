import type { Article } from "../domain/article.js";
import type { ArticleImage } from "../domain/article-image.js";
import type { Config } from "../domain/config.js";
import { shownImageUrl } from "../domain/image-url.js";
import { loggableError } from "../domain/redact.js";
import type { ImageFetcher, Ports } from "./ports.js";

/** How the edition job makes a card: the renderer (satori + resvg) and where images come from. */
export interface CardMaker {
  render(article: Article, config: Config, image?: ArticleImage): Promise<Uint8Array>;
  images: ImageFetcher;
}

/** The host alone: an image URL's path and query may carry signed tokens, which logs must not. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(not a URL)";
  }
}

async function articleImage(ports: Ports, maker: CardMaker, editionId: string, url: string) {
  try {
    return await maker.images.fetch(url);
  } catch (error) {
    ports.log.warn("card drawn without the article image", {
      editionId,
      imageHost: hostOf(url),
      error: loggableError(error),
    });
    return undefined;
  }
}

/**
 * Renders and stores an edition's social card, once: skipped when a card is stored already, so a
 * retried job does not draw it again. Never throws: the card is for the web version's `og:image`
 * and the social posts, and must not hold up the email. An image that cannot be fetched or drawn
 * leaves the card without it; any other failure is logged and the edition goes on without a card
 * (its URL then answers 404).
 *
 * @example
 * await renderCardOnce(ports, { render: renderEditionCard, images: httpImageFetcher() }, edition.id, edition.article);
 */
export async function renderCardOnce(ports: Ports, maker: CardMaker, editionId: string, article: Article) {
  try {
    if (await ports.cards.get(editionId)) return;
    const started = performance.now();
    // The image the email and the web version show, fetched the same way (domain/image-url.ts).
    const imageUrl = article.imageUrl && shownImageUrl(article.imageUrl);
    let image = imageUrl ? await articleImage(ports, maker, editionId, imageUrl) : undefined;
    let png: Uint8Array;
    try {
      png = await maker.render(article, ports.config, image);
    } catch (error) {
      if (!image) throw error;
      // A truncated or exotic JPEG fails in the decoder; the card is still worth having.
      ports.log.warn("card drawn without the article image", { editionId, error: loggableError(error) });
      image = undefined;
      png = await maker.render(article, ports.config);
    }
    await ports.cards.put(editionId, png);
    ports.log.info("card rendered", {
      editionId,
      ms: Math.round(performance.now() - started),
      bytes: png.length,
      withImage: image !== undefined,
    });
  } catch (error) {
    ports.log.error("card not rendered; the edition goes on without one", {
      editionId,
      error: loggableError(error),
    });
  }
}
