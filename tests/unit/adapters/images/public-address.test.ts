import { describe, expect, it } from "vitest";
import { isPrivateAddress, resolvesPublic } from "../../../../functions/adapters/images/public-address.js";

describe("public addresses for article images", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "fd00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "not-an-ip",
  ])("%s is not public", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::6810:84e5", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );

  it("checks IP literals without DNS, brackets included, and treats an unresolvable name as not public", async () => {
    expect(await resolvesPublic("[::1]")).toBe(false);
    expect(await resolvesPublic("8.8.8.8")).toBe(true);
    expect(await resolvesPublic("localhost")).toBe(false);
    expect(await resolvesPublic("no-such-host.invalid")).toBe(false);
  });
});
