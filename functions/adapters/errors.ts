/**
 * The errors of the adapters layer: a network call that failed, told in Herald's words (no URL: a
 * feed's or an image's may carry signed queries), with the error behind it as `cause` (ES2022) for
 * the logs. Flows treat them as any failure of their port (a feed backs off, an image is left out).
 *
 * @example
 * throw new FeedFetchError(`request failed (${code})`, { cause: error });
 */

/** A feed that could not be fetched, with what the poller records about it. */
export class FeedFetchError extends Error {
  override name = "FeedFetchError";
}

/** Why an image was not fetched; the message names no URL (image URLs may carry signed queries). */
export class ImageFetchError extends Error {
  override name = "ImageFetchError";
}

/** A host name that resolved to an address the caller may not connect to. */
export class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
  readonly code = "EBLOCKEDADDRESS";
}
