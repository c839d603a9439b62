/**
 * Whether a URL's host is a link-local address: 169.254.0.0/16 or fe80::/10, also written as an IPv4
 * address inside IPv6 (::ffff:169.254.169.254, ::169.254.169.254, the 64:ff9b:: translation prefix).
 * Cloud metadata services answer there, handing out credentials to whoever asks; the main process never
 * asks them anything. Takes the parsed URL, so every spelling the parser accepts (2852039166,
 * 0xa9.0xfe.0xa9.0xfe) has already become the one form checked here.
 */
export function isLinkLocalHost(url: URL): boolean {
  const host = url.hostname;
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = ipv6Groups(host.slice(1, -1));
    if (!groups) return false;
    if ((groups[0]! & 0xffc0) === 0xfe80) return true;
    const embedsIpv4 =
      groups.slice(0, 5).every((g) => g === 0) ? groups[5] === 0xffff || groups[5] === 0 : groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
    return embedsIpv4 && groups[6]! >> 8 === 169 && (groups[6]! & 0xff) === 254;
  }
  return /^169\.254\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The eight 16-bit groups of an IPv6 address as the URL parser writes it (hex, `::` for zeros). */
function ipv6Groups(address: string): number[] | null {
  const [head, tail, ...rest] = address.split('::');
  if (rest.length > 0) return null;
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const before = part(head);
  const after = part(tail);
  const zeros = tail === undefined ? 0 : 8 - before.length - after.length;
  const groups = [...before, ...Array<number>(Math.max(zeros, 0)).fill(0), ...after];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}
