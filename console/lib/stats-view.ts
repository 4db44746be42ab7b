import { api } from "./api.js";
import { lineChart } from "./chart.js";
import { h, replace, safeHref, section, table } from "./dom.js";
import { fmtNumber } from "./format.js";
import type { EngagementStats } from "./types.js";
import { messageOf } from "./ui.js";

const scroll = (child: HTMLElement) =>
  h(
    "div",
    {
      class: "scroll",
      tabindex: 0,
      role: "region",
      "aria-label": "Table (scrolls sideways on a narrow screen)",
    },
    child,
  );

function figures(s: EngagementStats): HTMLElement {
  const rows: Array<[string, string, string]> = [];
  if (s.clicks) {
    rows.push(["Readers who clicked", fmtNumber(s.clicks.humanRecipients), "—"]);
    rows.push(["Clicks", fmtNumber(s.clicks.humanTotal), fmtNumber(s.clicks.machineTotal)]);
  }
  if (s.opens) {
    rows.push([
      "Readers who opened (estimate)",
      fmtNumber(s.opens.humanRecipients),
      fmtNumber(s.opens.machineOnlyRecipients),
    ]);
    rows.push(["Opens", fmtNumber(s.opens.humanTotal), fmtNumber(s.opens.machineTotal)]);
  }
  rows.push(["Unsubscribes through this email", fmtNumber(s.unsubscribes.total), "—"]);
  return table("Engagement: people, with machines beside them", ["", "Human", "Machine"], rows);
}

function links(s: EngagementStats): HTMLElement {
  if (!s.links.length) return h("p", {}, "No link clicked yet.");
  return scroll(
    table(
      "Clicks per link (human first; scanners and previews as machine)",
      ["Link", "Readers", "Human clicks", "Machine clicks"],
      s.links.map((l) => {
        const href = safeHref(l.url);
        return [
          href ? h("a", { href, rel: "noopener noreferrer" }, l.url) : l.url,
          fmtNumber(l.humanUnique),
          fmtNumber(l.humanTotal),
          fmtNumber(l.machineTotal),
        ];
      }),
    ),
  );
}

function timeline(s: EngagementStats): HTMLElement {
  if (!s.timeline.length) return h("p", {}, "Nothing on the timeline yet.");
  const rows = s.timeline;
  const series = [
    { name: "delivered", className: "s1", key: "delivered" },
    { name: "human clicks", className: "s2", key: "clicksHuman" },
    { name: "machine clicks", className: "s3", key: "clicksMachine" },
    ...(s.opens ? [{ name: "human opens", className: "s4", key: "opensHuman" }] : []),
    { name: "unsubscribes", className: "s5", key: "unsubscribed" },
  ];
  return lineChart(
    "Timeline (UTC; per minute for 48 hours, then per hour)",
    rows.map((r) => r.bucket.replace("T", " ")),
    series.map(({ name, className, key }) => ({ name, className, values: rows.map((r) => r[key] ?? 0) })),
  );
}

/**
 * The engagement section of an edition's or briefing's page: human figures with the machine ones
 * beside them, clicks per link, the timeline, and the CSV downloads. With tracking off it says so.
 *
 * @example
 * main.append(engagementSection("/v1/editions/ed_…"));
 */
export function engagementSection(base: string): HTMLElement {
  const body = h("div", {}, h("p", {}, "Loading the engagement numbers…"));
  void api<EngagementStats>("GET", `${base}/stats`).then(
    (s) =>
      replace(
        body,
        s.tracking === "off"
          ? h("p", {}, "Tracking is off (HERALD_TRACKING=off): no clicks or opens are counted.")
          : null,
        figures(s),
        links(s),
        timeline(s),
        h(
          "p",
          {},
          h("a", { href: `${base}/stats?format=csv`, download: "" }, "Download clicks per link (CSV)"),
          " · ",
          h(
            "a",
            { href: `${base}/stats?format=csv&part=timeline`, download: "" },
            "Download the timeline (CSV)",
          ),
        ),
      ),
    (error) => replace(body, h("p", { class: "notice error" }, `No engagement numbers: ${messageOf(error)}`)),
  );
  return section("Engagement", body);
}
