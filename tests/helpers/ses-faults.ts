import { AwsServiceError } from "../../functions/adapters/http/aws-json-call.js";
import type { WireSesClient } from "../../functions/adapters/ses/json-ses-client.js";

/**
 * A wire interceptor that makes SES answer what the stand-in never does (it has no quotas). This is the
 * one place tests fake SES, and only to inject a fault; everything else goes to aws-ses-v2-local.
 * - `callThrottle`: the share of SendBulkEmail calls refused whole with TooManyRequestsException (429),
 *   the v2 answer to "Maximum sending rate exceeded".
 * - `entryThrottle`: the share of entries answered `ACCOUNT_THROTTLED` (those are not sent).
 */
export function injectSesThrottling(
  client: WireSesClient,
  random: () => number,
  { callThrottle = 0, entryThrottle = 0 }: { callThrottle?: number; entryThrottle?: number },
) {
  const stats = { calls: 0, throttledCalls: 0, throttledEntries: 0 };
  client.intercept(async (call, next) => {
    const input = call.input as { BulkEmailEntries?: unknown[] };
    if (!input.BulkEmailEntries) return next(call);
    stats.calls++;
    if (random() < callThrottle) {
      stats.throttledCalls++;
      throw new AwsServiceError("TooManyRequestsException", "Maximum sending rate exceeded.", 429, {});
    }
    // No draw per entry when entries are never throttled: the calls' draws then do not depend on the
    // order in which concurrent chunks, of different sizes, reach SES.
    const keep = input.BulkEmailEntries.map(() => entryThrottle === 0 || random() >= entryThrottle);
    stats.throttledEntries += keep.filter((k) => !k).length;
    const forwarded = input.BulkEmailEntries.filter((_, i) => keep[i]);
    const out = await next({ ...call, input: { ...input, BulkEmailEntries: forwarded } });
    const results = [...((out.BulkEmailEntryResults as unknown[]) ?? [])];
    return {
      ...out,
      BulkEmailEntryResults: keep.map((k) =>
        k ? results.shift() : { Status: "ACCOUNT_THROTTLED", Error: "Maximum sending rate exceeded." },
      ),
    };
  });
  return stats;
}
