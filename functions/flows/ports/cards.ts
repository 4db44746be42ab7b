import type { ArticleImage } from "../../domain/article-image.js";

/**
 * An edition's 1200×630 social card (PNG, ≤ 1 MB): rendered once by the render function, read by the
 * API (`/v1/editions/{id}/card.png`, the article's `og:image`) and by the social worker to upload.
 */
export interface CardStore {
  put(editionId: string, png: Uint8Array): Promise<void>;
  get(editionId: string): Promise<Uint8Array | undefined>;
}

/**
 * Fetches an article's image for its card. Throws (with a reason that names no URL: image URLs may
 * carry signed query strings) when the image is missing, too large, too slow or not PNG or JPEG.
 */
export interface ImageFetcher {
  fetch(url: string): Promise<ArticleImage>;
}
