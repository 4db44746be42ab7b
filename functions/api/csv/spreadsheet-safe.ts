/** What spreadsheets read as the start of a formula (OWASP's "CSV injection" list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A CSV cell a spreadsheet shows as text: one that starts like a formula gets a leading `'`, which
 * Excel, LibreOffice and Google Sheets take as "this is text" and do not display. Subscribers choose
 * their own names, so an export opened by an editor must not run what a stranger typed.
 *
 * @example
 * spreadsheetSafe('=HYPERLINK("http://evil.example/","Click")'); // `'=HYPERLINK(…)`
 * spreadsheetSafe("Ana"); // "Ana"
 */
export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
