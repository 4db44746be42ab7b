import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clickMachineReason,
  inScannerNetwork,
  openMachineReason,
} from "../../../../functions/domain/tracking/machine-signals.js";

const SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const octet = fc.integer({ min: 0, max: 255 });
/** Addresses outside every listed mail-filter range (documentation and home ranges). */
const homeIp = fc.tuple(fc.constantFrom(81, 92, 176, 198, 203), octet, octet, octet).map((p) => p.join("."));

describe("one request's machine signals", () => {
  it("takes a browser on a home network for a person, for clicks and opens", () => {
    fc.assert(
      fc.property(fc.constantFrom(SAFARI, CHROME), homeIp, (userAgent, ip) => {
        expect(clickMachineReason({ method: "GET", userAgent, ip })).toBeUndefined();
        expect(openMachineReason({ method: "GET", userAgent, ip })).toBeUndefined();
      }),
    );
  });

  it("takes any HEAD request, or none with no user agent, for a machine", () => {
    fc.assert(
      fc.property(fc.constantFrom(SAFARI, CHROME, "", undefined), homeIp, (userAgent, ip) => {
        expect(clickMachineReason({ method: "HEAD", userAgent, ip })).toBe("head-request");
      }),
    );
    expect(clickMachineReason({ method: "GET", userAgent: "  ", ip: "198.51.100.1" })).toBe("no-user-agent");
  });

  it("knows scanner and script agents, and the stale Chrome builds filters use", () => {
    for (const agent of [
      "curl/8.5.0",
      "python-requests/2.31",
      "Go-http-client/1.1",
      "Mozilla/5.0 (compatible; Barracuda Sentinel)",
      "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/57.0.2987.133 Safari/537.36",
      "Mozilla/5.0 (compatible; bingbot/2.0)",
      "Mozilla/5.0 HeadlessChrome/120.0",
    ]) {
      expect(clickMachineReason({ method: "GET", userAgent: agent, ip: "198.51.100.1" }), agent).toBe(
        "scanner-agent",
      );
    }
  });

  it("knows every address of Exchange Online Protection's ranges, and only those", () => {
    fc.assert(
      fc.property(octet, octet, (a, b) => {
        expect(inScannerNetwork(`40.107.${a}.${b}`)).toBe(true);
        expect(inScannerNetwork(`52.${100 + (a % 4)}.${a}.${b}`)).toBe(true);
        expect(inScannerNetwork(`104.47.${a % 128}.${b}`)).toBe(true);
        expect(inScannerNetwork(`104.47.${128 + (a % 128)}.${b}`)).toBe(false);
        expect(inScannerNetwork(`40.${94 + (a % 10)}.${a}.${b}`)).toBe(false);
      }),
    );
    expect(inScannerNetwork("2a01:111:f400:7e1a::1")).toBe(true);
    expect(inScannerNetwork("2001:db8::1")).toBe(false);
    expect(clickMachineReason({ method: "GET", userAgent: CHROME, ip: "40.92.1.2" })).toBe("scanner-network");
  });

  it("takes Apple's privacy proxy for a machine open (not a click), and Gmail's proxy for a person", () => {
    expect(openMachineReason({ method: "GET", userAgent: "Mozilla/5.0", ip: "17.58.0.1" })).toBe(
      "privacy-proxy",
    );
    expect(clickMachineReason({ method: "GET", userAgent: "Mozilla/5.0", ip: "17.58.0.1" })).toBeUndefined();
    const gmail = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";
    expect(openMachineReason({ method: "GET", userAgent: gmail, ip: "66.249.84.1" })).toBeUndefined();
  });
});
