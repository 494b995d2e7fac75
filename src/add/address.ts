import { BlockList, isIP } from 'node:net';

/** Why an address is not a public one. */
export type AddressKind =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'multicast'
  | 'unspecified'
  | 'shared (carrier-grade NAT)'
  | 'reserved';

/** The ranges of each kind; everything else is public. */
const RANGES: ReadonlyArray<{ kind: AddressKind; v4: string[]; v6: string[] }> = [
  { kind: 'unspecified', v4: ['0.0.0.0/8'], v6: ['::/128'] },
  { kind: 'loopback', v4: ['127.0.0.0/8'], v6: ['::1/128'] },
  {
    kind: 'private',
    v4: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
    // Unique local addresses, and the deprecated site-local ones.
    v6: ['fc00::/7', 'fec0::/10'],
  },
  { kind: 'link-local', v4: ['169.254.0.0/16'], v6: ['fe80::/10'] },
  { kind: 'multicast', v4: ['224.0.0.0/4'], v6: ['ff00::/8'] },
  { kind: 'shared (carrier-grade NAT)', v4: ['100.64.0.0/10'], v6: [] },
  {
    kind: 'reserved',
    // IETF protocol assignments, benchmarking, 240/4 (the broadcast address included); discard-only.
    v4: ['192.0.0.0/24', '198.18.0.0/15', '240.0.0.0/4'],
    v6: ['100::/64'],
  },
];

const LISTS = RANGES.map(({ kind, v4, v6 }) => {
  const list = new BlockList();
  for (const range of v4) {
    const [net, prefix] = range.split('/') as [string, string];
    list.addSubnet(net, Number(prefix), 'ipv4');
  }
  for (const range of v6) {
    const [net, prefix] = range.split('/') as [string, string];
    list.addSubnet(net, Number(prefix), 'ipv6');
  }
  return { kind, list };
});

/** An IPv6 address as its eight 16-bit groups. */
function groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16));
}

function v4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/**
 * The IPv4 address an IPv6 one carries, where it stands for that IPv4 host: IPv4-mapped
 * (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`), NAT64 (`64:ff9b::a.b.c.d`) and 6to4
 * (`2002:AABB:CCDD::`).
 */
function embeddedV4(address: string): string | null {
  const g = groups(address);
  if (g.length !== 8 || g.some((n) => !Number.isInteger(n))) return null;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zeroHead = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroHead && g5 === 0xffff) return v4FromGroups(g6, g7);
  // `::` and `::1` are their own kinds; any other `::a.b.c.d` is IPv4-compatible.
  if (zeroHead && g5 === 0 && (g6 !== 0 || g7 > 1)) return v4FromGroups(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return v4FromGroups(g6, g7);
  if (g0 === 0x2002) return v4FromGroups(g1, g2);
  return null;
}

/**
 * What kind of non-public address `address` (an IPv4 or IPv6 literal) is, or null when it is a
 * public one. An IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4) is
 * judged by that IPv4 address too. Anything that is not an IP address at all counts as reserved.
 */
export function addressKind(address: string): AddressKind | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare.replace(/%.*$/, ''));
  if (family === 0) return 'reserved';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const plain = bare.replace(/%.*$/, '');
  for (const { kind, list } of LISTS) if (list.check(plain, type)) return kind;
  if (family === 6) {
    const v4 = embeddedV4(plain);
    if (v4) return addressKind(v4);
  }
  return null;
}
