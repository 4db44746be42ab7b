import { api } from "./api.js";
import { lineChart } from "./chart.js";
import { h, replace, section, table } from "./dom.js";
import { fmtNumber } from "./format.js";
import type { AudienceSeries } from "./types.js";
import { messageOf } from "./ui.js";

const WAYS = ["one-click", "footer", "preferences", "complaint", "admin"] as const;

/**
 * The audience over the last 30 days (`GET /v1/stats/audience`): growth per day, unsubscribes by
 * way, and a CSV download.
 *
 * @example
 * main.append(audienceSection());
 */
export function audienceSection(): HTMLElement {
  const body = h("div", {}, h("p", {}, "Loading the audience series…"));
  void api<AudienceSeries>("GET", "/v1/stats/audience").then(
    ({ from, to, days }) => {
      const sum = (pick: (d: AudienceSeries["days"][number]) => number) =>
        days.reduce((s, d) => s + pick(d), 0);
      replace(
        body,
        lineChart(
          `Audience per day, ${from} to ${to}`,
          days.map((d) => d.day),
          [
            { name: "sign-ups", className: "s1", values: days.map((d) => d.signups) },
            { name: "confirmations", className: "s2", values: days.map((d) => d.confirmations) },
            { name: "unsubscribes", className: "s3", values: days.map((d) => d.unsubscribes) },
            { name: "bounces", className: "s4", values: days.map((d) => d.bounces) },
            { name: "complaints", className: "s5", values: days.map((d) => d.complaints) },
          ],
        ),
        table(
          `Unsubscribes by way, ${from} to ${to}`,
          ["Way", "Unsubscribes"],
          WAYS.map((w) => [w, fmtNumber(sum((d) => d.unsubscribesByWay[w] ?? 0))]),
        ),
        h("p", {}, `Net growth: ${fmtNumber(sum((d) => d.net))}.`),
        h(
          "p",
          {},
          h(
            "a",
            { href: `/v1/stats/audience?from=${from}&to=${to}&format=csv`, download: "" },
            "Download the audience series (CSV)",
          ),
        ),
      );
    },
    (error) =>
      replace(
        body,
        h("p", { class: "notice error" }, `The audience series is not available: ${messageOf(error)}`),
      ),
  );
  return section("Audience, last 30 days", body);
}
