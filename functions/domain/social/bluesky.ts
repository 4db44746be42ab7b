import { RichText } from "@atproto/api";
import * as z from "zod";
import { displayUrl, fitParts, shorten } from "./fit.js";
import { graphemeLength, utf8Length } from "./graphemes.js";
import { textBlocks } from "./layout.js";
import { socialUrl } from "./network.js";
import { type PostSource, postParts } from "./source.js";

/** `app.bsky.feed.post` text: maxGraphemes 300, maxLength 3000 (UTF-8 bytes). */
export const BLUESKY_MAX_GRAPHEMES = 300;
export const BLUESKY_MAX_BYTES = 3000;
/** Longer links are shown shortened, as Bluesky's app does, so they do not eat the text's room. */
const MAX_LINK_SHOWN = 150;
/** The link card shows about two lines of each; more is never seen. */
const CARD_TITLE_GRAPHEMES = 300;
const CARD_DESCRIPTION_GRAPHEMES = 1000;

const Feature = z.discriminatedUnion("$type", [
  z.object({ $type: z.literal("app.bsky.richtext.facet#link"), uri: z.url() }),
  z.object({ $type: z.literal("app.bsky.richtext.facet#tag"), tag: z.string().min(1) }),
]);
/** A rich-text facet; `byteStart` inclusive, `byteEnd` exclusive, in UTF-8 bytes of `text`. */
export const BlueskyFacet = z.object({
  index: z.object({ byteStart: z.number().int().min(0), byteEnd: z.number().int().min(1) }),
  features: z.array(Feature).min(1),
});
export type BlueskyFacet = z.infer<typeof BlueskyFacet>;

/**
 * A post record's text and facets, and the `app.bsky.embed.external` link card. Bluesky fetches no
 * cards itself: the adapter uploads the card PNG as the thumb blob and adds it to `external`.
 */
export const BlueskyPost = z.object({
  network: z.literal("bluesky"),
  text: z.string().min(1),
  facets: z.array(BlueskyFacet),
  external: z.object({ uri: z.url(), title: z.string(), description: z.string() }),
});
export type BlueskyPost = z.infer<typeof BlueskyPost>;

/** Within the post record's limits: 300 graphemes and 3,000 UTF-8 bytes. */
export function fitsBluesky(text: string): boolean {
  if (utf8Length(text) > BLUESKY_MAX_BYTES) return false;
  // Graphemes never outnumber UTF-16 units: short text needs no segmenting.
  return (
    text.length <= BLUESKY_MAX_GRAPHEMES ||
    graphemeLength(text, BLUESKY_MAX_GRAPHEMES) <= BLUESKY_MAX_GRAPHEMES
  );
}

/**
 * Facets from RichText's detection, keeping only hashtags: detected mentions carry no DID (the
 * record would be invalid) and links in a CMS title are not ours to make clickable. The one link is
 * added at the exact bytes where the composer put it, to the full URL even when shown shortened.
 */
function facetsFor(text: string, link: { start: number; end: number; uri: string }): BlueskyFacet[] {
  const rt = new RichText({ text });
  rt.detectFacetsWithoutResolution();
  const tags: BlueskyFacet[] = [];
  for (const { index, features } of rt.facets ?? []) {
    const overlaps = index.byteStart < link.end && index.byteEnd > link.start;
    const tagFeatures = features.flatMap((f) =>
      f.$type === "app.bsky.richtext.facet#tag" && "tag" in f && typeof f.tag === "string"
        ? [{ $type: "app.bsky.richtext.facet#tag" as const, tag: f.tag }]
        : [],
    );
    if (!overlaps && tagFeatures.length === features.length) tags.push({ index, features: tagFeatures });
  }
  const linkFacet: BlueskyFacet = {
    index: { byteStart: link.start, byteEnd: link.end },
    features: [{ $type: "app.bsky.richtext.facet#link", uri: link.uri }],
  };
  return [...tags, linkFacet].sort((a, b) => a.index.byteStart - b.index.byteStart);
}

/**
 * @example
 * const post = composeBluesky({ editionId: "ed_1", url: "https://news.example.org/a", title: "Storm ✨", topics: ["world"] });
 * post.text;   // "Storm ✨\n\nhttps://news.example.org/a?utm_source=bluesky&utm_medium=social&utm_campaign=ed_1\n\n#World"
 * post.facets; // [{ index: { byteStart: 11, byteEnd: 92 }, features: [{ $type: "…#link", uri: "https://…" }] },
 *               //  { index: { byteStart: 94, byteEnd: 100 }, features: [{ $type: "…#tag", tag: "World" }] }]
 */
export function composeBluesky(source: PostSource): BlueskyPost {
  const uri = socialUrl(source.url, "bluesky", source.editionId);
  const shown = displayUrl(uri, MAX_LINK_SHOWN);
  const full = postParts(source);
  const parts = fitParts(full, {
    fits: (p) => fitsBluesky(textBlocks(p, shown)),
    maxGraphemes: BLUESKY_MAX_GRAPHEMES,
  });
  const text = textBlocks(parts, shown);
  // The link block follows the title and summary blocks and their blank-line separator.
  const before = textBlocks({ ...parts, hashtags: [] }, "");
  const start = utf8Length(before ? `${before}\n\n` : "");
  const facets = facetsFor(text, { start, end: start + utf8Length(shown), uri });
  const clip = (value: string, max: number) =>
    shorten(value, (v) => graphemeLength(v, max) <= max, { maxGraphemes: max }) ?? "";
  return BlueskyPost.parse({
    network: "bluesky",
    text,
    facets,
    external: {
      uri,
      title: clip(full.title, CARD_TITLE_GRAPHEMES),
      description: clip(full.summary, CARD_DESCRIPTION_GRAPHEMES),
    },
  });
}
