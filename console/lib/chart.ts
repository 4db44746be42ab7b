import { h, table } from "./dom.js";
import { fmtNumber } from "./format.js";

const SVG = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export interface Series {
  name: string;
  /** A class from console.css giving the line its colour (and dash, for who cannot tell colours apart). */
  className: string;
  values: number[];
}

/**
 * A line chart as inline SVG: one polyline per series over shared x labels, a legend, and the same
 * numbers as a table in a disclosure for screen readers and exact reading. No chart library: the
 * console's budget is a few kilobytes.
 *
 * @example
 * lineChart("Growth per day", ["2026-01-01", …], [{ name: "sign-ups", className: "s1", values: […] }])
 */
export function lineChart(title: string, labels: string[], series: Series[]): HTMLElement {
  const width = 720;
  const height = 220;
  const pad = { left: 44, right: 8, top: 10, bottom: 24 };
  // A round top (4 at least) so the three grid lines read as whole numbers.
  const top = Math.max(4, ...series.flatMap((s) => s.values));
  const max = Math.ceil(top / 2) * 2;
  const x = (i: number) =>
    pad.left + (labels.length > 1 ? (i / (labels.length - 1)) * (width - pad.left - pad.right) : 0);
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart" });
  const titleEl = svg("title", {});
  const totals = series.map((s) => `${s.name} ${fmtNumber(s.values.reduce((a, b) => a + b, 0))}`).join(", ");
  titleEl.textContent = `${title}: ${labels[0] ?? ""} to ${labels.at(-1) ?? ""}; totals ${totals}`;
  chart.append(titleEl);
  for (const v of [0, max / 2, max]) {
    chart.append(svg("line", { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: "grid" }));
    const tick = svg("text", { x: pad.left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" });
    tick.textContent = fmtNumber(Math.round(v));
    chart.append(tick);
  }
  for (const [i, label] of [
    [0, labels[0]],
    [labels.length - 1, labels.at(-1)],
  ] as const) {
    const tick = svg("text", {
      x: x(i),
      y: height - 6,
      class: "tick",
      "text-anchor": i === 0 ? "start" : "end",
    });
    tick.textContent = label ?? "";
    chart.append(tick);
  }
  for (const s of series) {
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    chart.append(svg("polyline", { points, class: `line ${s.className}` }));
  }
  const legend = h(
    "ul",
    { class: "legend" },
    ...series.map((s) =>
      h("li", {}, h("span", { class: `key ${s.className}`, "aria-hidden": "true" }), s.name),
    ),
  );
  const data = h(
    "details",
    {},
    h("summary", {}, `${title} as a table`),
    table(
      title,
      ["Day", ...series.map((s) => s.name)],
      labels.map((label, i) => [label, ...series.map((s) => fmtNumber(s.values[i]))]),
    ),
  );
  return h("figure", { class: "figure" }, chart, h("figcaption", {}, title), legend, data);
}
