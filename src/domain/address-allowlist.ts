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

/** An IPv4 address seen on a dual-stack socket («::ffff:10.1.2.3») is the IPv4 address. */
function plainAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped?.[1] ?? ip;
}

/** Whether a request from `ip` is allowed by the list (an empty list allows any address). */
export function addressAllowed(list: readonly string[], ip: string): boolean {
  if (list.length === 0) return true;
  const address = plainAddress(ip);
  const version = isIP(address);
  if (version === 0) return false;
  const allowed = new BlockList();
  for (const raw of list) {
    const entry = parseEntry(raw);
    if (entry) allowed.addSubnet(entry.address, entry.prefix, entry.family);
  }
  return allowed.check(address, version === 4 ? 'ipv4' : 'ipv6');
}
