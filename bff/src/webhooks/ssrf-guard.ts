import dns from 'node:dns';
import net from 'node:net';

/*
 * A webhook URL is typed by a customer of ours and fetched from inside our network: without a
 * guard it could reach the loopback, the private network or the cloud's metadata service (SSRF).
 * So an address is refused unless it is public; the name is resolved and every address checked at
 * registration, and again at each delivery by the connection's own lookup (webhook-transport.ts),
 * so a name that later resolves elsewhere (DNS rebinding) is refused where it is connected to.
 * WEBHOOK_ALLOW_PRIVATE=1 (development and tests only; refused in production) lifts it.
 */

const refused = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT (also some clouds' metadata, 100.100.100.200)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local: the metadata service 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  refused.addSubnet(net4, prefix, 'ipv4');
}
for (const [net6, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64: an IPv4 address in disguise
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local (AWS's metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  refused.addSubnet(net6, prefix, 'ipv6');
}

/** An IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is the IPv4 address. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  return { address, family: net.isIPv6(address) ? 'ipv6' : 'ipv4' };
}

/** Whether an IP address is one a webhook may not reach: loopback, private, link-local, metadata, reserved. */
export function isRefusedAddress(address: string): boolean {
  const a = unmapped(address.replace(/^\[|\]$/g, ''));
  if (!net.isIP(a.address)) return true;
  return refused.check(a.address, a.family);
}

export class WebhookAddressError extends Error {}

const refusal = (host: string, address: string) =>
  new WebhookAddressError(`${host} resolves to ${address}, a loopback, private, link-local or reserved address: webhooks go to public addresses only`);

/** Resolves `host` and refuses it unless every address is public (or `allowPrivate`). */
export async function checkHost(host: string, allowPrivate: boolean): Promise<void> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(bare) ? [bare] : (await dns.promises.lookup(bare, { all: true, verbatim: true })).map((a) => a.address);
  if (allowPrivate) return;
  const bad = addresses.find(isRefusedAddress);
  if (bad !== undefined) throw refusal(host, bad);
}

/**
 * The `lookup` of a webhook's connection: resolves as usual and fails when an address is refused,
 * so what is checked is what is connected to.
 */
export function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as unknown as dns.LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isRefusedAddress(a.address));
      if (bad) return callback(Object.assign(refusal(hostname, bad.address), { code: 'EADDRREFUSED' }) as NodeJS.ErrnoException, '', 0);
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }) as NodeJS.ErrnoException, '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * Why a URL may not be registered, or null: https only (http too when private addresses are
 * allowed, for a local receiver), no credentials in it, and a name that resolves to public addresses.
 */
export async function webhookUrlProblem(raw: string, allowPrivate: boolean): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a URL such as https://billing.example.com/hooks';
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return 'Webhooks are sent over HTTPS only: the URL must start with https://';
  if (url.username || url.password) return 'Put no user name or password in the URL: every delivery is signed with the endpoint’s secret instead';
  try {
    await checkHost(url.hostname, allowPrivate);
  } catch (err) {
    if (err instanceof WebhookAddressError) return err.message;
    return `${url.hostname} does not resolve to any address`;
  }
  return null;
}
