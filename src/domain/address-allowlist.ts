import { BlockList, isIP } from 'node:net';
import { refuse } from './refusal.js';

/**
 * The addresses an API client may call from (等保 访问控制: a machine interface is limited to its
 * callers' addresses). A list of single addresses and networks, IPv4 or IPv6 («10.1.2.3»,
 * «10.1.0.0/16», «2001:db8::/32»); empty means any address, as before. A stolen key is then of no
 * use from elsewhere. Node's own BlockList does the matching.
 */
export const MAX_ALLOWED_ADDRESSES = 20;

type Family = 'ipv4' | 'ipv6';

interface Entry {
  address: string;
  prefix: number;
  family: Family;
}

function parseEntry(raw: string): Entry | null {
  const [address = '', prefixText, ...rest] = raw.trim().split('/');
  if (rest.length > 0) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const family: Family = version === 4 ? 'ipv4' : 'ipv6';
  const max = version === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: max, family };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix >= 1 && prefix <= max ? { address, prefix, family } : null;
}

/** The list as it will be stored: trimmed, blank lines dropped, each entry checked. */
export function checkedAllowedAddresses(input: readonly string[]): string[] {
  // Full-width digits and slashes typed with a Chinese input method are the same address.
  const list = [...new Set(input.map((s) => s.normalize('NFKC').trim()).filter(Boolean))];
  if (list.length > MAX_ALLOWED_ADDRESSES)
    refuse(
      'invalid',
      'ALLOWED_ADDRESSES_TOO_MANY',
      `允许的来源地址最多 ${MAX_ALLOWED_ADDRESSES} 项，请合并为网段（如 10.1.0.0/16）。`,
    );
  const bad = list.filter((s) => parseEntry(s) === null);
  if (bad.length > 0)
    refuse(
      'invalid',
      'ALLOWED_ADDRESS_INVALID',
      `「${bad.join('」「')}」不是有效的 IP 地址或网段：请写成 10.1.2.3、10.1.0.0/16 或 IPv6 的同样写法。`,
      { invalid: bad },
    );
  return list;
}

/**
 * The IPv4 address inside an IPv4-mapped IPv6 address, in either spelling («::ffff:10.1.2.3», or
 * «::ffff:a01:203» as URLs write it), or null for any other address.
 */
export function ipv4OfMapped(ip: string): string | null {
  const groups = ipv6Groups(ip);
  if (!groups || groups.slice(0, 5).some((g) => g !== 0) || groups[5] !== 0xffff) return null;
  const [hi = 0, lo = 0] = groups.slice(6);
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

/**
 * The IPv4 address other IPv6 forms carry, or null: the old IPv4-compatible «::a.b.c.d» (not «::»
 * or «::1», whose last 32 bits are below 0.1.0.0), NAT64's well-known prefix «64:ff9b::/96» and
 * 6to4's «2002:aabb:ccdd::/48». A gateway on the path would connect to that IPv4 address.
 */
export function ipv4Embedded(ip: string): string | null {
  const groups = ipv6Groups(ip);
  if (!groups) return null;
  const quad = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  const [g0 = 0, g1 = 0, g2 = 0, , , , g6 = 0, g7 = 0] = groups;
  if (groups.slice(0, 6).every((g) => g === 0) && g6 !== 0) return quad(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return quad(g6, g7);
  if (g0 === 0x2002) return quad(g1, g2);
  return null;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part read as two), or null. */
function ipv6Groups(ip: string): number[] | null {
  if (isIP(ip) !== 6) return null;
  let text = ip.split('%')[0] ?? '';
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...left, ...Array<number>(missing).fill(0), ...right];
}

/** An IPv4 address seen on a dual-stack socket («::ffff:10.1.2.3») is the IPv4 address. */
function plainAddress(ip: string): string {
  return ipv4OfMapped(ip) ?? ip;
}

/** The entries of a list that are no address or network: none means the list is good. */
export function invalidNetworkEntries(list: readonly string[]): string[] {
  return list.filter((s) => parseEntry(s.normalize('NFKC')) === null);
}

/** Whether `ip` is one of the list's addresses or inside one of its networks (an empty list holds none). */
export function inNetworks(list: readonly string[], ip: string): boolean {
  const address = plainAddress(ip);
  const version = isIP(address);
  if (version === 0 || list.length === 0) return false;
  const networks = new BlockList();
  for (const raw of list) {
    const entry = parseEntry(raw.normalize('NFKC'));
    if (entry) networks.addSubnet(entry.address, entry.prefix, entry.family);
  }
  return networks.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/** Whether a request from `ip` is allowed by the list (an empty list allows any address). */
export function addressAllowed(list: readonly string[], ip: string): boolean {
  return list.length === 0 || inNetworks(list, ip);
}
