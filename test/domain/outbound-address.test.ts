import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv4OfMapped } from '../../src/domain/address-allowlist.js';
import {
  checkOutboundUrls,
  literalIpHost,
  outboundRefusal,
  outboundRefusalMessage,
} from '../../src/domain/outbound-address.js';
import { AppRefusal } from '../../src/domain/refusal.js';
import { refusalCode } from './refusal-code.js';

const what = (ip: string, permitted: string[] = []) => outboundRefusal(ip, permitted)?.what ?? null;

describe('the addresses Huiyin may call out to', () => {
  it.each([
    ['127.0.0.1', '本机回环地址'],
    ['127.8.9.10', '本机回环地址'],
    ['::1', '本机回环地址'],
    ['[::1]', '本机回环地址'],
    ['0:0:0:0:0:0:0:1', '本机回环地址'],
    ['0.0.0.0', '未指定地址（连接 0.0.0.0 即连到本机）'],
    ['0.1.2.3', '未指定地址（连接 0.0.0.0 即连到本机）'],
    ['::', '未指定地址（连接 :: 即连到本机）'],
    ['169.254.169.254', '链路本地地址（含云服务器元数据地址 169.254.169.254）'],
    ['169.254.0.23', '链路本地地址（含云服务器元数据地址 169.254.169.254）'],
    ['100.100.100.200', '云服务器元数据地址'],
    ['fd00:ec2::254', '云服务器元数据地址'],
    ['fe80::1', '链路本地地址'],
    ['fe80::1%eth0', '链路本地地址'],
    ['febf:ffff::1', '链路本地地址'],
    ['224.0.0.1', '组播地址'],
    ['239.255.255.250', '组播地址'],
    ['ff02::1', '组播地址'],
    ['255.255.255.255', '广播地址'],
    // IPv4-mapped IPv6, in both spellings (URLs write the second).
    ['::ffff:127.0.0.1', '本机回环地址'],
    ['::ffff:7f00:1', '本机回环地址'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', '链路本地地址（含云服务器元数据地址 169.254.169.254）'],
    ['::ffff:0.0.0.0', '未指定地址（连接 0.0.0.0 即连到本机）'],
    // Other IPv6 forms that carry an IPv4 address a gateway would connect to: the old
    // IPv4-compatible form, NAT64's well-known prefix, 6to4.
    ['::127.0.0.1', '本机回环地址'],
    ['::7f00:1', '本机回环地址'],
    ['64:ff9b::127.0.0.1', '本机回环地址'],
    ['64:ff9b::a9fe:a9fe', '链路本地地址（含云服务器元数据地址 169.254.169.254）'],
    ['2002:7f00:1::1', '本机回环地址'],
    ['2002:a9fe:a9fe::', '链路本地地址（含云服务器元数据地址 169.254.169.254）'],
    // Full-width digits typed with a Chinese input method are the same address.
    ['１２７．０．０．１', '本机回环地址'],
    ['１６９.２５４.１６９.２５４', '链路本地地址（含云服务器元数据地址 169.254.169.254）'],
    ['localhost', '不是有效的 IP 地址'],
  ])('refuses %s: %s', (ip, kind) => {
    expect(what(ip)).toBe(kind);
  });

  it.each([
    // The government intranet and other private networks: the city platform lives there.
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.10',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:10.1.2.3',
    '64:ff9b::10.1.2.3',
    '64:ff9b::3b6e:101',
    '2002:a01:203::1',
    // Public addresses, and neighbours of the refused ones.
    '59.110.1.1',
    '2001:db8::1',
    '100.64.0.1',
    '100.100.100.201',
    '169.253.255.255',
    '128.0.0.1',
    '223.255.255.255',
    '1.0.0.0',
    'fec0::1',
  ])('allows %s', (ip) => {
    expect(outboundRefusal(ip, [])).toBeNull();
  });

  it('a deployment permits what it lists, in any spelling, and nothing beside it', () => {
    expect(what('127.0.0.1', ['127.0.0.1'])).toBeNull();
    expect(what('::ffff:127.0.0.1', ['127.0.0.1'])).toBeNull();
    expect(what('::ffff:7f00:1', ['127.0.0.0/8'])).toBeNull();
    expect(what('127.0.0.2', ['127.0.0.1'])).toBe('本机回环地址');
    expect(what('::1', ['127.0.0.0/8'])).toBe('本机回环地址');
    expect(what('::1', ['::1'])).toBeNull();
    expect(what('169.254.169.254', ['１２７．０．０．０／８'])).not.toBeNull();
    expect(what('127.9.9.9', ['１２７．０．０．０／８'])).toBeNull();
    expect(what('fe80::1%eth0', ['fe80::/64'])).toBeNull();
  });

  it('every loopback, link-local and unspecified IPv4 address is refused as itself and as IPv4-mapped IPv6', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.constantFrom(0, 127, 169), byte, byte, byte, (first, b, c, d) => {
        const v4 = `${first}.${first === 169 ? 254 : b}.${c}.${d}`;
        const hex = (x: number, y: number) => ((x << 8) | y).toString(16);
        const refused = what(v4);
        expect(refused).not.toBeNull();
        expect(what(`::ffff:${v4}`)).toBe(refused);
        expect(what(`::ffff:${hex(first === 169 ? 169 : first, first === 169 ? 254 : b)}:${hex(c, d)}`)).toBe(
          refused,
        );
      }),
    );
  });

  it('reads the IPv4 address inside a mapped one, and no other', () => {
    expect(ipv4OfMapped('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(ipv4OfMapped('::FFFF:a01:203')).toBe('10.1.2.3');
    expect(ipv4OfMapped('0::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(ipv4OfMapped('::1')).toBeNull();
    expect(ipv4OfMapped('::ffff:0:7f00:1')).toBeNull();
    expect(ipv4OfMapped('1::ffff:7f00:1')).toBeNull();
    expect(ipv4OfMapped('127.0.0.1')).toBeNull();
  });

  it('finds the IP address a URL names, however it is written; a host name is left to the call', () => {
    expect(literalIpHost('http://127.0.0.1:8080/hook')).toBe('127.0.0.1');
    expect(literalIpHost('http://2130706433/')).toBe('127.0.0.1');
    expect(literalIpHost('http://0x7f.1/')).toBe('127.0.0.1');
    expect(literalIpHost('http://0/')).toBe('0.0.0.0');
    expect(literalIpHost('http://１２７.０.０.１/hook')).toBe('127.0.0.1');
    expect(literalIpHost('http://[::ffff:127.0.0.1]:80/')).toBe('::ffff:7f00:1');
    expect(literalIpHost('https://[fe80::1]/')).toBe('fe80::1');
    expect(literalIpHost('https://city.example.gov.cn/results')).toBeNull();
    expect(literalIpHost('http://localhost:8080/')).toBeNull();
    expect(literalIpHost('not a url')).toBeNull();
  });

  it('refuses a URL to be saved when its host is a refused address, naming the setting and the address', () => {
    const urls = (url: string) => [{ label: '企业微信群机器人', url }];
    expect(refusalCode(() => checkOutboundUrls(urls('http://169.254.169.254/latest/meta-data/'), []))).toBe(
      'OUTBOUND_ADDRESS_NOT_ALLOWED',
    );
    try {
      checkOutboundUrls(urls('http://[::ffff:127.0.0.1]:9000/hook'), []);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppRefusal);
      const refusal = e as AppRefusal;
      expect(refusal.kind).toBe('invalid');
      expect(refusal.message).toBe(
        '企业微信群机器人的地址「::ffff:7f00:1」（即 127.0.0.1）是本机回环地址，回音不向这类地址发出请求（以免被借来访问服务器本机或云平台内部的服务）。如确属本单位的服务，请运维人员在环境变量 OUTBOUND_ALLOWED_NETWORKS 中列出该地址或网段。',
      );
      expect(refusal.details).toEqual({ setting: '企业微信群机器人', address: '::ffff:7f00:1' });
    }
    for (const ok of [
      'http://10.8.0.5:8080/results',
      'https://city.example.gov.cn/results',
      'http://localhost:8080/hook',
    ])
      expect(refusalCode(() => checkOutboundUrls(urls(ok), []))).toBeUndefined();
    expect(refusalCode(() => checkOutboundUrls(urls('http://127.0.0.1:9/'), ['127.0.0.1']))).toBeUndefined();
    expect(refusalCode(() => checkOutboundUrls([{ label: '工单列表', url: null }], []))).toBeUndefined();
  });

  it('says which name resolved to the refused address', () => {
    const refusal = outboundRefusal('127.0.0.1', []);
    expect(refusal).not.toBeNull();
    if (refusal)
      expect(outboundRefusalMessage(refusal, { host: 'localhost' })).toMatch(
        /^地址「localhost」解析为「127\.0\.0\.1」，是本机回环地址，回音不向这类地址发出请求/,
      );
  });
});
