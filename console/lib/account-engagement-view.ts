import { api } from "./api.js";
import { h, replace, section } from "./dom.js";
import { LOOKUPS, METRICS, readingOf, totalOf } from "./engagement-reading.js";
import { fmtNumber } from "./format.js";
import type { Edition, SocialPost } from "./types.js";
import { messageOf } from "./ui.js";

/**
 * How many of the newest editions the summary reads. The API lists no account's posts (they are
 * stored with their edition), so the page asks for each of these editions: a bounded number of
 * key reads, never a scan of the table.
 */
const RECENT_EDITIONS = 10;

const DAY = LOOKUPS[1];

async function recentPosts(): Promise<SocialPost[]> {
  const { editions } = await api<{ editions: Edition[] }>("GET", `/v1/editions?limit=${RECENT_EDITIONS}`);
  const full = await Promise.all(
    editions.map((e) => api<Edition>("GET", `/v1/editions/${encodeURIComponent(e.id)}`)),
  );
  return full.flatMap((e) => e.social ?? []);
}

function byAccount(posts: readonly SocialPost[]): Map<string, SocialPost[]> {
  const accounts = new Map<string, SocialPost[]>();
  for (const post of posts) {
    const key = `${post.network}\n${post.account}`;
    accounts.set(key, [...(accounts.get(key) ?? []), post]);
  }
  return accounts;
}

function accountRow(posts: SocialPost[], now: number): HTMLElement {
  const [first] = posts as [SocialPost];
  const name = h("th", { scope: "row" }, first.network, h("br"), first.account);
  const reading = readingOf(first, DAY, now);
  if (reading.kind === "unavailable")
    return h(
      "tr",
      { "data-account": first.network },
      name,
      h(
        "td",
        { colspan: METRICS.length + 2 },
        `not available for ${reading.network} (its API gives no counts)`,
      ),
    );
  const total = totalOf(posts, DAY, now);
  const failed = posts.filter((p) => readingOf(p, DAY, now).kind === "failed").length;
  return h(
    "tr",
    { "data-account": first.network },
    name,
    h("td", {}, `${total.read} of ${total.of}`),
    ...(total.read
      ? METRICS.map(({ key }) => {
          const n = total.counts[key];
          return h("td", { class: "num" }, n === undefined ? "—" : fmtNumber(n));
        })
      : [h("td", { colspan: METRICS.length }, "nothing read yet")]),
    h("td", { class: "num" }, fmtNumber(failed)),
  );
}

/**
 * Per social account, what its posts in the newest editions did a day after they went out: the
 * counts summed over the posts read, how many were read, and how many look-ups failed. A count no
 * post gave shows as "—", never as 0.
 *
 * @example
 * main.append(accountEngagementSection());
 */
export function accountEngagementSection(): HTMLElement {
  const body = h("div", {}, h("p", {}, "Loading the engagement of recent posts…"));
  void recentPosts().then(
    (posts) => {
      const accounts = [...byAccount(posts).values()];
      if (!accounts.length) return replace(body, h("p", {}, "No posts in the newest editions."));
      const now = Date.now();
      replace(
        body,
        h(
          "div",
          {
            class: "scroll",
            tabindex: 0,
            role: "region",
            "aria-label": "Engagement table (scrolls sideways on a narrow screen)",
          },
          h(
            "table",
            { class: "engagement", id: "account-engagement" },
            h(
              "caption",
              {},
              `A day after each post, summed over each account's posts in the ${RECENT_EDITIONS} newest editions (— : the network gives no such count)`,
            ),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", { scope: "col" }, "Account"),
                h("th", { scope: "col" }, "Posts read"),
                ...METRICS.map(({ label }) => h("th", { scope: "col", class: "num" }, label)),
                h("th", { scope: "col", class: "num" }, "Look-ups failed"),
              ),
            ),
            h("tbody", {}, ...accounts.map((posts) => accountRow(posts, now))),
          ),
        ),
      );
    },
    (error) => replace(body, h("p", { class: "notice error" }, `No engagement numbers: ${messageOf(error)}`)),
  );
  return section("Engagement of recent posts", body);
}
