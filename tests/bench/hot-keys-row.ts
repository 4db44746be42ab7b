import type { Row } from "./rows.js";

interface KeyLoadShown {
  key: string;
  writesPerSecond: number;
  unitsPerSecond: number;
}

/** What tests/bench/hot-keys.ts prints. */
interface HotKeys {
  rate: number;
  busiest: KeyLoadShown[];
  edition?: KeyLoadShown;
}

/**
 * The bench row of the busiest DynamoDB key at 10,000 recipients a second (a count scaled to that rate).
 *
 * @example
 * hotKeysRow(hotKeys); // ["busiest DynamoDB key at 10,000 recipients/s (counted)", "SENT#1: 80 WCU/s …", "≤ 1,000 WCU/s"]
 */
export function hotKeysRow({ rate, busiest, edition }: HotKeys): Row {
  const [top] = busiest;
  return [
    `busiest DynamoDB key at ${rate.toLocaleString("en")} recipients/s (writes counted in a send, scaled)`,
    `${top?.key ?? "—"}: ${top?.writesPerSecond ?? 0} writes/s, ${top?.unitsPerSecond ?? 0} WCU/s; edition item ${edition?.writesPerSecond ?? 0} writes/s, ${edition?.unitsPerSecond ?? 0} WCU/s`,
    "≤ 1,000 WCU/s per key",
  ];
}
