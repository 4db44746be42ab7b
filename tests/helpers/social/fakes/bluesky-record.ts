import { graphemes, utf8 } from "../../../fixtures/social/posts.js";

/** What the fake PDS knows about an uploaded blob. */
export interface StoredBlob {
  mimeType: string;
  size: number;
}

const MAX_GRAPHEMES = 300;
const MAX_BYTES = 3000;
const MAX_THUMB_BYTES = 1_000_000;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Checks an `app.bsky.feed.post` record the way the PDS's lexicon validation does for the fields
 * Herald writes, plus facet ranges (inside the text's UTF-8 bytes, in order, not overlapping) and the
 * thumb blob (uploaded, an image, at most 1,000,000 bytes: blob constraints are checked when a record
 * refers to the blob, not at upload). Returns the PDS's message for the first problem, or undefined.
 *
 * @example
 * recordProblem({ $type: "app.bsky.feed.post", text: "x".repeat(301), createdAt }, blobs);
 * // "Record/text must not be longer than 300 graphemes"
 */
export function recordProblem(record: unknown, blobs: Map<string, StoredBlob>): string | undefined {
  if (!isObj(record) || record.$type !== "app.bsky.feed.post")
    return "Record/$type must be app.bsky.feed.post";
  const { text, facets, createdAt, embed } = record;
  if (typeof text !== "string") return 'Record must have the property "text"';
  if (graphemes(text).length > MAX_GRAPHEMES)
    return `Record/text must not be longer than ${MAX_GRAPHEMES} graphemes`;
  const bytes = utf8(text).length;
  if (bytes > MAX_BYTES) return `Record/text must not be longer than ${MAX_BYTES} characters`;
  if (typeof createdAt !== "string" || !DATETIME.test(createdAt) || Number.isNaN(Date.parse(createdAt)))
    return "Record/createdAt must be an valid atproto datetime (either ISO 8601 or RFC 3339)";
  if (facets !== undefined) {
    const problem = facetProblem(facets, bytes);
    if (problem) return problem;
  }
  if (embed !== undefined) return embedProblem(embed, blobs);
  return undefined;
}

function facetProblem(facets: unknown, textBytes: number): string | undefined {
  if (!Array.isArray(facets)) return "Record/facets must be an array";
  let end = 0;
  for (const [i, facet] of facets.entries()) {
    const index = isObj(facet) && isObj(facet.index) ? facet.index : undefined;
    const { byteStart, byteEnd } = index ?? {};
    if (!Number.isInteger(byteStart) || !Number.isInteger(byteEnd))
      return `Record/facets/${i}/index must have byteStart and byteEnd`;
    const [start, stop] = [byteStart as number, byteEnd as number];
    if (start < end || start >= stop || stop > textBytes)
      return `Record/facets/${i}/index is outside the text or overlaps another facet`;
    if (!isObj(facet) || !Array.isArray(facet.features) || facet.features.length === 0)
      return `Record/facets/${i}/features must not be empty`;
    end = stop;
  }
  return undefined;
}

function embedProblem(embed: unknown, blobs: Map<string, StoredBlob>): string | undefined {
  if (!isObj(embed) || embed.$type !== "app.bsky.embed.external" || !isObj(embed.external))
    return "Record/embed must be app.bsky.embed.external with an external object";
  const { uri, title, description, thumb } = embed.external;
  if (typeof uri !== "string" || !URL.canParse(uri)) return "Record/embed/external/uri must be a valid uri";
  if (typeof title !== "string" || typeof description !== "string")
    return 'Record/embed/external must have the properties "title" and "description"';
  if (thumb === undefined) return undefined;
  const link = isObj(thumb) && isObj(thumb.ref) ? thumb.ref.$link : undefined;
  const blob = typeof link === "string" ? blobs.get(link) : undefined;
  if (!isObj(thumb) || thumb.$type !== "blob" || !blob)
    return "Record/embed/external/thumb must be an uploaded blob";
  if (!blob.mimeType.startsWith("image/")) return "Record/embed/external/thumb mimeType must be an image";
  if (blob.size > MAX_THUMB_BYTES)
    return `Record/embed/external/thumb file is too big (${blob.size} bytes, maximum ${MAX_THUMB_BYTES})`;
  return undefined;
}
