import { Cadence, normalizeEmail, type Subscriber, subscriberId } from "../domain/subscriber.js";
import { singleLine } from "../domain/text.js";
import { mapConcurrent } from "./concurrency.js";
import type { Ports } from "./ports.js";

/** One data row of an import file, by column name, with its line number for error reports. */
export interface ImportRow {
  line: number;
  fields: Record<string, string>;
}

/** `skipped` counts every row not imported: invalid ones (also listed in `errors`) and known addresses. */
export interface ImportReport {
  imported: number;
  skipped: number;
  errors: Array<{ line: number; message: string }>;
}

/** Validates one row; returns the subscriber or why the row is refused. */
function fromRow(row: ImportRow, topics: readonly string[], now: string): Subscriber | string {
  const email = normalizeEmail(row.fields.email ?? "");
  if (!email) return "email: not a valid address";
  const listed = (row.fields.topics ?? "")
    .split("|")
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  const unknown = listed.filter((t) => !topics.includes(t));
  if (unknown.length) return `topics: unknown topic ${unknown.join(", ")}`;
  const cadence = Cadence.safeParse((row.fields.cadence || "instant").toLowerCase());
  if (!cadence.success) return "cadence: must be instant or daily";
  const name = singleLine(row.fields.name ?? "").slice(0, 200) || undefined;
  return {
    id: subscriberId(email),
    email,
    name,
    status: "active",
    topics: listed.length ? [...new Set(listed)] : [...topics],
    cadence: cadence.data,
    consent: { at: now, source: "import" },
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Imports rows as active subscribers with consent source `import`. Bad rows are reported by line and
 * skipped; an address that exists already (in the file or in Herald) is skipped, never overwritten:
 * an import must not resubscribe someone who left.
 */
export async function importSubscribers(
  ports: Pick<Ports, "subscribers" | "suppressions" | "config" | "now">,
  rows: ImportRow[],
) {
  const report: ImportReport = { imported: 0, skipped: 0, errors: [] };
  const now = ports.now().toISOString();
  const seen = new Set<string>();
  const valid: Subscriber[] = [];
  for (const row of rows) {
    const result = fromRow(row, ports.config.topics, now);
    if (typeof result === "string") {
      report.errors.push({ line: row.line, message: result });
      report.skipped++;
    } else if (seen.has(result.id)) report.skipped++;
    else {
      seen.add(result.id);
      valid.push(result);
    }
  }
  // A suppressed address (bounced, complained, erased) is not brought back by an import.
  const suppressed = await ports.suppressions.suppressedAmong(valid.map((s) => s.id));
  await mapConcurrent(valid, 8, async (s) => {
    if (suppressed.has(s.id)) {
      report.skipped++;
      return;
    }
    if (await ports.subscribers.insert(s)) report.imported++;
    else report.skipped++;
  });
  return report;
}
