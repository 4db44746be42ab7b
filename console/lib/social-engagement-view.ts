import { h } from "./dom.js";
import {
  type Counts,
  LOOKUPS,
  type Lookup,
  METRICS,
  type Reading,
  readingOf,
  totalOf,
} from "./engagement-reading.js";
import { fmtNumber, fmtTime } from "./format.js";
import type { SocialPost } from "./types.js";

const count = (n: number | undefined) =>
  h(
    "td",
    { class: "num" },
    n === undefined ? h("span", { title: "not given by the network" }, "—") : fmtNumber(n),
  );

const countCells = (counts: Counts) => METRICS.map(({ key }) => count(counts[key]));

/** A state instead of numbers: one cell across the count columns, so a screen reader reads it once. */
const stateCell = (text: string, cls?: string) => h("td", { colspan: METRICS.length, class: cls }, text);

function readingCells(reading: Reading): HTMLElement[] {
  switch (reading.kind) {
    case "counts":
      return countCells(reading.counts);
    case "failed":
      return [
        stateCell(
          `look-up failed (${reading.tries} ${reading.tries === 1 ? "try" : "tries"}, last ${fmtTime(reading.at)}): ${reading.error}`,
          "lookup-failed",
        ),
      ];
    case "unavailable":
      return [stateCell(`not available for ${reading.network} (its API gives no counts)`)];
    case "no_post":
      return [stateCell(`no post to read (${reading.status})`)];
    case "not_yet":
      if (!reading.dueAt) return [stateCell("not yet")];
      return [
        stateCell(
          reading.overdue
            ? `not read yet (was due ${fmtTime(reading.dueAt)})`
            : `not yet (due about ${fmtTime(reading.dueAt)})`,
        ),
      ];
  }
}

/** One post: a row group with a row per look-up (one row when its network gives no counts at all). */
function postRows(post: SocialPost, now: number): HTMLElement {
  const first = readingOf(post, LOOKUPS[0], now);
  const lookups: readonly Lookup[] = first.kind === "unavailable" ? [] : LOOKUPS;
  const name = h(
    "th",
    { scope: "rowgroup", rowspan: Math.max(1, lookups.length) },
    post.network,
    h("br"),
    post.account,
  );
  if (!lookups.length)
    return h(
      "tbody",
      { "data-post": post.network },
      h("tr", {}, name, h("td", {}, "—"), ...readingCells(first)),
    );
  return h(
    "tbody",
    { "data-post": post.network },
    ...lookups.map((lookup, i) =>
      h(
        "tr",
        { "data-lookup": lookup.key },
        i === 0 ? name : null,
        h("th", { scope: "row" }, lookup.label),
        ...readingCells(readingOf(post, lookup, now)),
      ),
    ),
  );
}

function totalRows(posts: readonly SocialPost[], now: number): HTMLElement {
  return h(
    "tfoot",
    {},
    ...LOOKUPS.map((lookup, i) => {
      const total = totalOf(posts, lookup, now);
      return h(
        "tr",
        { "data-total": lookup.key },
        i === 0 ? h("th", { scope: "rowgroup", rowspan: LOOKUPS.length }, "All networks") : null,
        h("th", { scope: "row" }, lookup.label, h("br"), `${total.read} of ${total.of} posts read`),
        ...(total.read ? countCells(total.counts) : [stateCell("nothing read yet")]),
      );
    }),
  );
}

/**
 * The engagement of an edition's posts: likes, reposts, replies and quotes an hour and a day after
 * each, or why there are none (not yet, the network gives none, the look-up failed), and the sums
 * across networks. A count the network does not give shows as "—", never as 0.
 *
 * @example
 * section("Social posts", socialTable(posts), socialEngagementTable(posts, Date.now()));
 */
export function socialEngagementTable(posts: readonly SocialPost[], now: number): HTMLElement {
  return h(
    "div",
    {
      class: "scroll",
      tabindex: 0,
      role: "region",
      "aria-label": "Engagement table (scrolls sideways on a narrow screen)",
    },
    h(
      "table",
      { class: "engagement" },
      h(
        "caption",
        {},
        "Engagement of each post an hour and a day after it went out (— : the network gives no such count)",
      ),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Post"),
          h("th", { scope: "col" }, "After"),
          ...METRICS.map(({ label }) => h("th", { scope: "col", class: "num" }, label)),
        ),
      ),
      ...posts.map((post) => postRows(post, now)),
      totalRows(posts, now),
    ),
  );
}
