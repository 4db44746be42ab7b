/** How numbers, times and rates read in the console (the reader's locale and time zone). */
export const fmtNumber = (n: number | undefined) => (n ?? 0).toLocaleString("en");

export const percent = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.01 ? 2 : 1)} %`;

export const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function fmtTime(iso: string | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}
