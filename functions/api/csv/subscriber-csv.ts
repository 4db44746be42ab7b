import { parse } from "csv-parse/sync";
import { HeraldError, InvalidRequest } from "../../domain/errors.js";
import type { ImportRow } from "../../flows/import-subscribers.js";

/**
 * Parses an import file (`email[,name,topics,cadence]`, RFC 4180 quoting). A file that is not CSV,
 * or has no `email` column, is refused whole (400) before anything is written.
 */
export function parseSubscriberCsv(text: string): ImportRow[] {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    });
  } catch (error) {
    throw new InvalidRequest(`the file is not valid CSV: ${(error as Error).message}`, { cause: error });
  }
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  if (
    !header
      .toLowerCase()
      .split(",")
      .map((h) => h.trim().replace(/^"|"$/g, ""))
      .includes("email")
  ) {
    throw new HeraldError("invalid_request", "the first line must be a header with an `email` column", [
      { path: "header", message: "no email column" },
    ]);
  }
  // Only spaces are trimmed: csv-parse's `trim` also drops a leading tab, which turned the inert
  // `\t=1+1` into the formula `=1+1`.
  const trimmed = (record: Record<string, string>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.replace(/^ +| +$/g, "")]));
  return records.map(({ record, info }) => ({ line: info.lines, fields: trimmed(record) }));
}
