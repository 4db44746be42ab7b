import { isIP } from "node:net";
import type { ArticleImage } from "../../domain/article-image.js";
import type { ImageFetcher } from "../../flows/ports.js";
import { BlockedAddressError, ImageFetchError } from "../errors.js";
import { checkedLookup, type Resolve } from "../http/checked-lookup.js";
import { getWithLookup } from "../http/get-with-lookup.js";
import { readCapped } from "../http/read-capped.js";
import { isPrivateAddress } from "./public-address.js";

export interface HttpImageFetcherOptions {
  /** The whole request, body included: the edition's email waits for the card. */
  timeoutMs?: number;
  /** Bigger images are left out of the card rather than decoded. */
  maxBytes?: number;
  userAgent?: string;
  /**
   * Fetch from loopback and private addresses too: for a laptop (`npm start`) and tests. Off by
   * default, which is what the render function runs with (see `public-address.ts`).
   */
  allowPrivateHosts?: boolean;
  /** Which resolved addresses may be connected to; overrides the two defaults above. */
  allowedAddress?: (address: string) => boolean;
  /** The DNS resolver (the system's by default; tests answer for made-up names). */
  resolve?: Resolve;
}

/** Redirects followed at most; each hop's host is checked like the first. */
const MAX_REDIRECTS = 3;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** What the bytes are, whatever Content-Type says: servers label WebP and AVIF as "image/jpeg" too. */
function imageType(bytes: Uint8Array): ArticleImage["type"] | undefined {
  if (startsWith(bytes, PNG)) return "image/png";
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  return undefined;
}

/**
 * Fetches an article image, following up to three redirects, within a time and size limit, from
 * public addresses only (unless allowed; every hop checked, and connected to the address that was
 * checked), and accepts only PNG and JPEG (by
 * their signature bytes). Anything else throws an
 * `ImageFetchError`; the card is then drawn without an image.
 *
 * @example
 * const images = httpImageFetcher({ timeoutMs: 4000 });
 * const { type, bytes } = await images.fetch("https://news.example/images/storm.jpg");
 */
export function httpImageFetcher(options: HttpImageFetcherOptions = {}): ImageFetcher {
  const timeoutMs = options.timeoutMs ?? 4_000;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const userAgent = options.userAgent ?? "Herald/0.1 (social card)";
  const allowed =
    options.allowedAddress ?? (options.allowPrivateHosts ? () => true : (a: string) => !isPrivateAddress(a));
  // Each hop's name is resolved once, by the connection itself, and refused unless every address
  // is allowed: the address checked is the address connected to.
  const lookup = checkedLookup(allowed, options.resolve);
  return {
    async fetch(url: string): Promise<ArticleImage> {
      if (!/^https?:\/\//i.test(url)) throw new ImageFetchError("not an http(s) URL");
      const signal = AbortSignal.timeout(timeoutMs);
      let res: Response | undefined;
      let target = new URL(url);
      for (let hop = 0; ; hop++) {
        const literal = target.hostname.replace(/^\[|\]$/g, "");
        // An IP literal is connected to without a lookup: it is checked here.
        if (isIP(literal) && !allowed(literal)) {
          throw new ImageFetchError(`${target.hostname} is not a public address`);
        }
        try {
          res = await getWithLookup(target, {
            headers: { accept: "image/png, image/jpeg;q=0.9", "user-agent": userAgent },
            signal,
            lookup,
          });
        } catch (error) {
          if (error instanceof BlockedAddressError) {
            throw new ImageFetchError(`${target.hostname} is not a public address`, { cause: error });
          }
          if (signal.aborted) throw new ImageFetchError(`no answer within ${timeoutMs} ms`, { cause: error });
          const code = (error as { code?: string }).code;
          throw new ImageFetchError(`request failed (${code ?? "network error"})`, { cause: error });
        }
        const location = res.headers.get("location");
        if (res.status < 300 || res.status >= 400 || !location) break;
        await res.body?.cancel();
        if (hop >= MAX_REDIRECTS) throw new ImageFetchError(`more than ${MAX_REDIRECTS} redirects`);
        target = new URL(location, target);
        if (!/^https?:$/.test(target.protocol)) throw new ImageFetchError("redirected away from http(s)");
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new ImageFetchError(`HTTP ${res.status}`);
      }
      if (Number(res.headers.get("content-length")) > maxBytes) {
        await res.body?.cancel();
        throw new ImageFetchError(`the image is larger than ${maxBytes} bytes`);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(
          res,
          maxBytes,
          () => new ImageFetchError(`the image is larger than ${maxBytes} bytes`),
        );
      } catch (error) {
        if (error instanceof ImageFetchError) throw error;
        throw new ImageFetchError(
          signal.aborted ? `no whole image within ${timeoutMs} ms` : "the body was cut off",
          { cause: error },
        );
      }
      const type = imageType(bytes);
      if (!type) {
        const served = (res.headers.get("content-type") ?? "no type").slice(0, 80);
        throw new ImageFetchError(`not a PNG or JPEG (served as ${served})`);
      }
      return { type, bytes };
    },
  };
}
