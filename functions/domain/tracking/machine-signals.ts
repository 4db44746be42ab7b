/**
 * Recognising machines from one request alone: the method, the user agent and the network. What
 * needs several requests (a sweep of every link of an email) is in `engagement-mark.ts`.
 */

/** Why a hit was counted as a machine's; stored nowhere per person, only summed. */
export type MachineReason =
  | "head-request"
  | "no-user-agent"
  | "scanner-agent"
  | "scanner-network"
  | "privacy-proxy";

export interface Hit {
  method: string;
  userAgent: string | undefined;
  ip: string;
}

/**
 * Link checkers, scripts and previewers say so, or send the stale Chrome builds that Microsoft's
 * Safe Links and Gmail's pre-check are known to use (Chrome 42, 57).
 */
const SCANNER_AGENT =
  /bot\b|bot\/|crawler|spider|scanner|preview|curl\/|wget\/|python-|go-http-client|java\/|libwww|httpclient|okhttp|axios\/|node-fetch|undici|headlesschrome|phantomjs|proofpoint|mimecast|barracuda|safelinks|Chrome\/(?:42|57)\./i;

/** Apple Mail Privacy Protection fetches remote images with exactly this user agent. */
const APPLE_PROXY_AGENT = "Mozilla/5.0";

/** Exchange Online Protection, whose Safe Links checks every link at delivery (IPv4 CIDRs). */
const SCANNER_NETS_V4: ReadonlyArray<[number, number]> = [
  ["40.92.0.0", 15],
  ["40.107.0.0", 16],
  ["52.100.0.0", 14],
  ["104.47.0.0", 17],
].map(([net, bits]) => [ipv4(net as string) as number, bits as number]);
const SCANNER_NETS_V6 = ["2a01:111:f400:", "2a01:111:f403:"];

function ipv4(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/** Whether `ip` is in one of the mail filters' published ranges. */
export function inScannerNetwork(ip: string): boolean {
  const v4 = ipv4(ip.replace(/^::ffff:/i, ""));
  if (v4 !== undefined) {
    return SCANNER_NETS_V4.some(
      ([net, bits]) => Math.floor(v4 / 2 ** (32 - bits)) === Math.floor(net / 2 ** (32 - bits)),
    );
  }
  const lower = ip.toLowerCase();
  return SCANNER_NETS_V6.some((prefix) => lower.startsWith(prefix));
}

/**
 * The machine reason of a click, if one request shows it: a HEAD probe, no user agent, a scanner's
 * agent, or a mail filter's network.
 *
 * @example
 * clickMachineReason({ method: "HEAD", userAgent: "Mozilla/5.0 …", ip: "198.51.100.7" }); // "head-request"
 */
export function clickMachineReason(hit: Hit): MachineReason | undefined {
  if (hit.method.toUpperCase() === "HEAD") return "head-request";
  const agent = hit.userAgent?.trim() ?? "";
  if (agent === "") return "no-user-agent";
  if (SCANNER_AGENT.test(agent)) return "scanner-agent";
  if (inScannerNetwork(hit.ip)) return "scanner-network";
  return undefined;
}

/**
 * The machine reason of an open: everything a click has, plus Apple's privacy proxy, which fetches
 * every image of every email whether it is read or not. Gmail's image proxy is a person opening
 * the email (it fetches on open), so it counts as human.
 *
 * @example
 * openMachineReason({ method: "GET", userAgent: "Mozilla/5.0", ip: "17.58.0.1" }); // "privacy-proxy"
 */
export function openMachineReason(hit: Hit): MachineReason | undefined {
  if (hit.userAgent?.trim() === APPLE_PROXY_AGENT) return "privacy-proxy";
  if (/GoogleImageProxy/.test(hit.userAgent ?? ""))
    return hit.method.toUpperCase() === "HEAD" ? "head-request" : undefined;
  return clickMachineReason(hit);
}
