import { stringify } from "csv-stringify/sync";
import type { Context } from "hono";
import { spreadsheetSafe } from "./spreadsheet-safe.js";

/** Whether the caller asked for CSV: `?format=csv`, or `Accept: text/csv`. */
export const wantsCsv = (c: Context) =>
  c.req.query("format") === "csv" || (c.req.header("accept") ?? "").toLowerCase().includes("text/csv");

/**
 * A stats table as a CSV download: RFC 4180 quoting (csv-stringify), and every text cell
 * spreadsheet-safe (a link's URL comes from an article a CMS sent).
 *
 * @example
 * return csvResponse(c, "edition-stats.csv", ["url", "human_unique"], [["https://…", 3]]);
 */
export function csvResponse(
  c: Context,
  filename: string,
  header: string[],
  rows: Array<Array<string | number>>,
) {
  const safe = rows.map((r) => r.map((cell) => (typeof cell === "string" ? spreadsheetSafe(cell) : cell)));
  c.header("content-type", "text/csv; charset=utf-8");
  c.header("content-disposition", `attachment; filename="${filename}"`);
  c.header("cache-control", "no-store");
  return c.body(stringify([header, ...safe], { record_delimiter: "unix" }));
}
