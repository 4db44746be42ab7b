import type { LookupAddress } from "node:dns";
import { lookup as systemLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { BlockedAddressError } from "../errors.js";

/** Resolves a host name to all its addresses (the system resolver by default). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) => systemLookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for `http.request` / `net.connect` that resolves once and refuses the connection unless
 * every address is `allowed`: the socket then connects to an address that was checked, so a DNS
 * answer that changes between a check and the connect (rebinding) has nothing to slip through.
 *
 * @example
 * http.request(url, { lookup: checkedLookup((a) => !isPrivateAddress(a)) });
 */
export function checkedLookup(
  allowed: (address: string) => boolean,
  resolve = systemResolve,
): LookupFunction {
  return (hostname, options, callback) => {
    const answer = callback as (
      error: Error | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void;
    resolve(hostname).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        const first = usable[0];
        if (!first) {
          return answer(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "");
        }
        if (!addresses.every((a) => allowed(a.address))) {
          return answer(new BlockedAddressError(`${hostname} is not a public address`), "");
        }
        if (options.all) answer(null, usable);
        else answer(null, first.address, first.family);
      },
      (error: Error) => answer(error, ""),
    );
  };
}
