import { createServer } from "node:http";
import { tokenBucket } from "./token-bucket.js";

/** What the null SES saw: the proof that a send lost nobody and sent nobody twice. */
export interface NullSesStats {
  calls: number;
  /** Calls refused with SES v2's "Maximum sending rate exceeded" (429 TooManyRequestsException). */
  throttledCalls: number;
  /** Recipients accepted, counting an address each time it was accepted. */
  accepted: number;
  uniqueRecipients: number;
  /** Acceptances beyond the first of an address. */
  duplicates: number;
  /** performance.now() of the first and last accepted call, in the server's process. */
  firstAcceptedMs?: number;
  lastAcceptedMs?: number;
  /** Recipients accepted in each second since the first accepted call. */
  perSecond: number[];
}

/**
 * A null SES endpoint for the bench and the throttling tests: answers SendBulkEmail with SUCCESS for
 * every entry and keeps no message. With `ratePerSecond` it enforces a sending quota per recipient
 * (tests/helpers/token-bucket.ts) and refuses a call over it the way SES v2 does: HTTP 429,
 * `x-amzn-ErrorType: TooManyRequestsException`, body `{"message":"Maximum sending rate exceeded."}`.
 * `GET /stats` answers {@link NullSesStats}; with `countRecipients` it counts addresses (the bench's
 * unthrottled runs leave it off, so the endpoint costs as little as it can).
 *
 * @example
 * const ses = await startNullSes({ ratePerSecond: 500, countRecipients: true });
 * // ... send through Herald with ses.endpoint ...
 * ses.stats().duplicates; // 0
 */
export async function startNullSes(options: { ratePerSecond?: number; countRecipients?: boolean } = {}) {
  const bucket = options.ratePerSecond ? tokenBucket(options.ratePerSecond) : undefined;
  const seen = new Map<string, number>();
  const stats: NullSesStats = {
    calls: 0,
    throttledCalls: 0,
    accepted: 0,
    uniqueRecipients: 0,
    duplicates: 0,
    perSecond: [],
  };
  let seq = 0;
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/stats") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(stats));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as {
        BulkEmailEntries?: Array<{ Destination?: { ToAddresses?: string[] } }>;
      };
      const entries = body.BulkEmailEntries ?? [];
      const now = performance.now();
      stats.calls++;
      if (bucket && !bucket.take(entries.length, now)) {
        stats.throttledCalls++;
        res.writeHead(429, {
          "content-type": "application/json",
          "x-amzn-errortype": "TooManyRequestsException",
        });
        res.end(JSON.stringify({ message: "Maximum sending rate exceeded." }));
        return;
      }
      stats.firstAcceptedMs ??= now;
      stats.lastAcceptedMs = now;
      stats.accepted += entries.length;
      const second = Math.floor((now - stats.firstAcceptedMs) / 1000);
      stats.perSecond[second] = (stats.perSecond[second] ?? 0) + entries.length;
      if (options.countRecipients) {
        for (const e of entries) {
          const to = e.Destination?.ToAddresses?.[0] ?? "";
          const n = seen.get(to) ?? 0;
          seen.set(to, n + 1);
          if (n === 0) stats.uniqueRecipients++;
          else stats.duplicates++;
        }
      }
      const results = entries.map(() => ({ Status: "SUCCESS", MessageId: `null-${++seq}` }));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ BulkEmailEntryResults: results }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats: (): NullSesStats => ({ ...stats, perSecond: [...stats.perSecond] }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
