import { BlockList, isIP } from 'node:net';
import { inNetworks, ipv4Embedded, ipv4OfMapped } from './address-allowlist.js';
import { refuse } from './refusal.js';

/**
 * Which addresses Huiyin may call out to (等保 2.0 安全计算环境; SSRF). The addresses come from
 * administrators (a notification webhook, the city platform's URLs), so whoever holds that role,
 * or a name that resolves somewhere unexpected, could otherwise make the server call itself
 * (127.0.0.1, ::1, 0.0.0.0 — which connects to the host), the cloud's metadata service
 * (169.254.169.254; Alibaba Cloud's 100.100.100.200) and read what it answers in the error kept
 * on the delivery. Refused: loopback, unspecified, link-local, multicast, broadcast, the cloud
 * metadata addresses, and each of them written inside an IPv6 address: IPv4-mapped, the old
 * IPv4-compatible form, NAT64's well-known prefix and 6to4 (a gateway would connect to the IPv4).
 *
 * Private networks (10/8, 172.16/12, 192.168/16, fc00::/7) are allowed: a county's city platform
 * sits on the government intranet (电子政务外网). A deployment may permit refused addresses anyway
 * by listing them (OUTBOUND_ALLOWED_NETWORKS), e.g. a gateway on the same host.
 */
export const OUTBOUND_ADDRESS_NOT_ALLOWED = 'OUTBOUND_ADDRESS_NOT_ALLOWED';

interface RefusedNetwork {
  address: string;
  prefix: number;
  what: string;
}

const REFUSED_V4: readonly RefusedNetwork[] = [
  { address: '0.0.0.0', prefix: 8, what: '未指定地址（连接 0.0.0.0 即连到本机）' },
  { address: '127.0.0.0', prefix: 8, what: '本机回环地址' },
  { address: '169.254.0.0', prefix: 16, what: '链路本地地址（含云服务器元数据地址 169.254.169.254）' },
  { address: '100.100.100.200', prefix: 32, what: '云服务器元数据地址' },
  { address: '224.0.0.0', prefix: 4, what: '组播地址' },
  { address: '255.255.255.255', prefix: 32, what: '广播地址' },
];

const REFUSED_V6: readonly RefusedNetwork[] = [
  { address: '::', prefix: 128, what: '未指定地址（连接 :: 即连到本机）' },
  { address: '::1', prefix: 128, what: '本机回环地址' },
  { address: 'fe80::', prefix: 10, what: '链路本地地址' },
  { address: 'ff00::', prefix: 8, what: '组播地址' },
  { address: 'fd00:ec2::254', prefix: 128, what: '云服务器元数据地址' },
];

/** Each refused network with a list of its own, built once, to say which one matched. */
const listed = (networks: readonly RefusedNetwork[], family: 'ipv4' | 'ipv6') =>
  networks.map((n) => {
    const list = new BlockList();
    list.addSubnet(n.address, n.prefix, family);
    return { what: n.what, has: (address: string) => list.check(address, family) };
  });
const CHECK_V4 = listed(REFUSED_V4, 'ipv4');
const CHECK_V6 = listed(REFUSED_V6, 'ipv6');

export interface OutboundRefusal {
  /** The address as given (brackets, zone and full-width digits taken off). */
  address: string;
  /** The IPv4 address it stands for, when it is an IPv6 address carrying one. */
  ipv4: string | null;
  /** What kind of address it is, in Chinese. */
  what: string;
}

/** An address as it may be written: «[::1]», «fe80::1%eth0», full-width digits. */
function plain(ip: string): string {
  const text = ip.normalize('NFKC').trim();
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return unbracketed.split('%')[0] ?? '';
}

/**
 * Why Huiyin may not call `ip`, or null when it may: refused kinds of address unless the
 * deployment permits them (`permitted`: addresses and networks, OUTBOUND_ALLOWED_NETWORKS).
 */
export function outboundRefusal(ip: string, permitted: readonly string[]): OutboundRefusal | null {
  const address = plain(ip);
  const version = isIP(address);
  if (version === 0) return { address, ipv4: null, what: '不是有效的 IP 地址' };
  const ipv4 = version === 6 ? (ipv4OfMapped(address) ?? ipv4Embedded(address)) : null;
  if (inNetworks(permitted, address)) return null;
  const v4 = version === 4 ? address : ipv4;
  const refused = v4 !== null ? CHECK_V4.find((n) => n.has(v4)) : CHECK_V6.find((n) => n.has(address));
  return refused ? { address, ipv4, what: refused.what } : null;
}

/**
 * The refusal in words, for the administrator's form and for the delivery's record: `label`
 * names the setting («企业微信群机器人»), `host` the name that resolved to the address.
 */
export function outboundRefusalMessage(r: OutboundRefusal, options: { label?: string; host?: string } = {}) {
  const { label, host } = options;
  const mapped = r.ipv4 ? `（即 ${r.ipv4}）` : '';
  const subject =
    host && host !== r.address
      ? `地址「${host}」解析为「${r.address}」${mapped}，`
      : `地址「${r.address}」${mapped}`;
  return `${label ? `${label}的` : ''}${subject}是${r.what}，回音不向这类地址发出请求（以免被借来访问服务器本机或云平台内部的服务）。如确属本单位的服务，请运维人员在环境变量 OUTBOUND_ALLOWED_NETWORKS 中列出该地址或网段。`;
}

/** The IP address a URL names as its host («http://10.1.2.3/», «http://[::1]/»), or null for a name. */
export function literalIpHost(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  const address = plain(host);
  return isIP(address) === 0 ? null : address;
}

/**
 * Refuses (400 OUTBOUND_ADDRESS_NOT_ALLOWED, nothing saved) an address to be saved whose host is
 * an IP address Huiyin may not call. A host name passes here: what it resolves to is checked at
 * every call (modules/outbound), since it may resolve elsewhere later.
 */
export function checkOutboundUrls(
  urls: readonly { label: string; url: string | null | undefined }[],
  permitted: readonly string[],
): void {
  for (const { label, url } of urls) {
    if (!url) continue;
    const ip = literalIpHost(url);
    const refusal = ip === null ? null : outboundRefusal(ip, permitted);
    if (refusal)
      refuse('invalid', OUTBOUND_ADDRESS_NOT_ALLOWED, outboundRefusalMessage(refusal, { label }), {
        setting: label,
        address: refusal.address,
      });
  }
}
