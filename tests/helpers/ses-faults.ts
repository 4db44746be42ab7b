import type { SESv2Client } from "@aws-sdk/client-sesv2";

/**
 * SDK middleware that makes SES answer what the stand-in never does (it has no quotas). This is the
 * one place tests fake SES, and only to inject a fault; everything else goes to aws-ses-v2-local.
 * - `callThrottle`: the share of SendBulkEmail calls refused whole with TooManyRequestsException (429),
 *   the v2 answer to "Maximum sending rate exceeded".
 * - `entryThrottle`: the share of entries answered `ACCOUNT_THROTTLED` (those are not sent).
 */
export function injectSesThrottling(
  client: SESv2Client,
  random: () => number,
  { callThrottle = 0, entryThrottle = 0 }: { callThrottle?: number; entryThrottle?: number },
) {
  const stats = { calls: 0, throttledCalls: 0, throttledEntries: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { BulkEmailEntries?: unknown[] };
      if (!input.BulkEmailEntries) return next(args);
      stats.calls++;
      if (random() < callThrottle) {
        stats.throttledCalls++;
        throw Object.assign(new Error("Maximum sending rate exceeded."), {
          name: "TooManyRequestsException",
          $fault: "client",
          $metadata: { httpStatusCode: 429 },
        });
      }
      const keep = input.BulkEmailEntries.map(() => random() >= entryThrottle);
      stats.throttledEntries += keep.filter((k) => !k).length;
      const forwarded = input.BulkEmailEntries.filter((_, i) => keep[i]);
      const out = (await next({ ...args, input: { ...input, BulkEmailEntries: forwarded } })) as {
        output: { BulkEmailEntryResults?: unknown[] };
      };
      const results = [...(out.output.BulkEmailEntryResults ?? [])];
      out.output.BulkEmailEntryResults = keep.map((k) =>
        k ? results.shift() : { Status: "ACCOUNT_THROTTLED", Error: "Maximum sending rate exceeded." },
      );
      return out as never;
    },
    { step: "initialize", name: "injectSesThrottling" },
  );
  return stats;
}
