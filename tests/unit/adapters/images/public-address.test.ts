import type { LookupAddress } from "node:dns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkedLookup } from "../../../../functions/adapters/http/checked-lookup.js";
import { isPrivateAddress } from "../../../../functions/adapters/images/public-address.js";

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
    "::ffff:7f00:1",
    "::7f00:1",
    "::127.0.0.1",
    "::ffff:0:7f00:1",
    "64:ff9b::7f00:1",
    "64:ff9b::a9fe:a9fe",
    "64:ff9b:1::1",
    "2002:7f00:1::",
    "2002:a9fe:a9fe::1",
    "2001:0:4136:e378:8000:63bf:80ff:fffe", // Teredo, client 127.0.0.1
    "2001:0:a00:1::1", // Teredo, server 10.0.0.1
    "192.0.0.170",
    "192.0.0.171",
    "192.0.2.1",
    "fec0::1",
    "2001:db8::1",
    "not-an-ip",
    "fe80::1%eth0",
  ])("%s is not public", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    "93.184.216.34",
    "172.32.0.1",
    "8.8.8.8",
    "2606:4700::6810:84e5",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
  ])("%s is public", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it("property: an IPv6 form embedding a private IPv4 address is never public", () => {
    const privateV4 = fc.oneof(
      fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
    );
    const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
    fc.assert(
      fc.property(privateV4, ([a, b, c, d]) => {
        const high = hex(a, b);
        const low = hex(c, d);
        for (const form of [
          `::ffff:${a}.${b}.${c}.${d}`,
          `::ffff:${high}:${low}`,
          `::${high}:${low}`,
          `::ffff:0:${high}:${low}`,
          `64:ff9b::${high}:${low}`,
          `2002:${high}:${low}::1`,
          `2001:0:${high}:${low}::1`,
          `2001:0:4136:e378:8000:63bf:${hex(a ^ 255, b ^ 255)}:${hex(c ^ 255, d ^ 255)}`,
        ])
          expect(isPrivateAddress(form), form).toBe(true);
      }),
    );
  });
});

describe("the checked lookup (what a connection resolves with)", () => {
  const lookupWith = (answers: LookupAddress[]) => {
    let calls = 0;
    const lookup = checkedLookup(
      (a) => !isPrivateAddress(a),
      async () => {
        calls++;
        return answers;
      },
    );
    const run = (options: { all?: boolean; family?: number }) =>
      new Promise<{ error: Error | null; address: unknown }>((resolve) =>
        lookup(
          "img.example",
          options as never,
          ((error: Error | null, address: unknown) => resolve({ error, address })) as never,
        ),
      );
    return { run, calls: () => calls };
  };

  it("answers with the checked addresses, resolving once", async () => {
    const { run, calls } = lookupWith([{ address: "8.8.8.8", family: 4 }]);
    expect(await run({})).toEqual({ error: null, address: "8.8.8.8" });
    expect(await run({ all: true })).toEqual({ error: null, address: [{ address: "8.8.8.8", family: 4 }] });
    expect(calls()).toBe(2);
  });

  it("refuses a name with any private address among its answers", async () => {
    const { run } = lookupWith([
      { address: "8.8.8.8", family: 4 },
      { address: "64:ff9b::7f00:1", family: 6 },
    ]);
    expect((await run({ all: true })).error?.message).toMatch(/not a public address/);
  });
});
