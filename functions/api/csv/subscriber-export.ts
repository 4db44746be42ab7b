import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { Subscriber } from "../../domain/subscriber.js";
import { spreadsheetSafe } from "./spreadsheet-safe.js";

const COLUMNS = [
  "email",
  "name",
  "topics",
  "cadence",
  "status",
  "consent_at",
  "consent_source",
  "created_at",
];

/**
 * The export: a CSV stream, one page of subscribers at a time, never the whole list in memory. Every
 * cell that a spreadsheet would run as a formula is neutralized ({@link spreadsheetSafe}).
 */
export function subscriberCsvStream(pages: AsyncIterable<Subscriber[]>): ReadableStream<Uint8Array> {
  const rows = Readable.from(
    (async function* () {
      for await (const page of pages) {
        for (const s of page) {
          const row = [
            s.email,
            s.name ?? "",
            s.topics.join("|"),
            s.cadence,
            s.status,
            s.consent.at,
            s.consent.source,
            s.createdAt,
          ];
          yield row.map(spreadsheetSafe);
        }
      }
    })(),
  );
  const csv = rows.pipe(stringify({ header: true, columns: COLUMNS }));
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}
