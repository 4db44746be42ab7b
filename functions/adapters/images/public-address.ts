import { BlockList, isIP } from "node:net";

/**
 * Addresses an article image must not be fetched from: the function's own machine and private
 * networks. On Lambda, 127.0.0.1:9001 is the runtime API (a request there could take the next
 * invocation), and inside a VPC private addresses reach internal services. Image URLs come from a
 * signed webhook or a configured feed, but a compromised CMS or feed must not turn Herald into a
 * proxy into its own network.
 */
const PRIVATE_V4 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  // IETF protocol assignments: 192.0.0.170/171 are NAT64 discovery, 192.0.0.8 dummy, …
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  PRIVATE_V4.addSubnet(net, prefix, "ipv4");
}
const PRIVATE_V6 = new BlockList();
for (const [net, prefix] of [
  ["::", 127], // unspecified and loopback
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed by some stacks)
  ["ff00::", 8], // multicast
  ["64:ff9b:1::", 48], // local-use NAT64: the IPv4 part sits where the operator chose
] as const) {
  PRIVATE_V6.addSubnet(net, prefix, "ipv6");
}

/** The 16 bytes of an IPv6 literal (dotted IPv4 tail allowed, zone refused), or undefined. */
function ipv6Bytes(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  let text = address;
  if (dotted) {
    const [a, b, c, d] = dotted.split(".").map(Number) as [number, number, number, number];
    text = `${address.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::") as [string, string | undefined];
  const groups = (s: string) => (s ? s.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const front = groups(head);
  const back = groups(tail ?? "");
  const all =
    tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

const v4 = (b: number[], at: number, xor = 0) =>
  b
    .slice(at, at + 4)
    .map((x) => x ^ xor)
    .join(".");

/**
 * The IPv4 addresses an IPv6 address carries, in every form that reaches an IPv4 host: mapped
 * (`::ffff:a.b.c.d`), compatible (`::a.b.c.d`), SIIT (`::ffff:0:a.b.c.d`), NAT64 (`64:ff9b::/96`),
 * 6to4 (`2002:AABB:CCDD::`) and Teredo (`2001::/32`: server, and client with its bits flipped).
 */
function embeddedIPv4(b: number[]): string[] {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const found: string[] = [];
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) found.push(v4(b, 12));
  if (zeros(0, 12)) found.push(v4(b, 12));
  if (zeros(0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(10, 12)) found.push(v4(b, 12));
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) found.push(v4(b, 12));
  if (b[0] === 0x20 && b[1] === 0x02) found.push(v4(b, 2));
  if (b[0] === 0x20 && b[1] === 0x01 && zeros(2, 4)) found.push(v4(b, 4), v4(b, 12, 0xff));
  return found;
}

/**
 * Whether `address` (an IP literal) is loopback, private, link-local or otherwise not public,
 * looking through every IPv6 form that embeds an IPv4 address. Anything unparsable is not public.
 *
 * @example
 * isPrivateAddress("64:ff9b::7f00:1"); // true: NAT64 for 127.0.0.1
 * isPrivateAddress("8.8.8.8"); // false
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE_V4.check(address, "ipv4");
  const bytes = family === 6 ? ipv6Bytes(address) : undefined;
  if (bytes?.length !== 16) return true;
  if (PRIVATE_V6.check(address, "ipv6")) return true;
  return embeddedIPv4(bytes).some((ip) => PRIVATE_V4.check(ip, "ipv4"));
}
