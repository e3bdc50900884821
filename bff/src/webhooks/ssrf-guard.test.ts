import { describe, expect, it } from 'vitest';
import { isRefusedAddress, webhookUrlProblem } from './ssrf-guard.js';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

describe('the SSRF guard', () => {
  it('refuses loopback, private, link-local, metadata, reserved and mapped addresses; lets public ones through', () => {
    const refused = ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.100.100.200', '0.0.0.0', '224.0.0.1', '255.255.255.255',
      '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::a00:1', 'not-an-address'];
    const allowed = ['8.8.8.8', '93.184.216.34', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'];
    expect(refused.filter((a) => !isRefusedAddress(a))).toEqual([]);
    expect(allowed.filter(isRefusedAddress)).toEqual([]);
  });

  it('refuses at registration: plain http, credentials in the URL, and names or literals of refused addresses', async () => {
    const cases: [string, RegExp][] = [
      ['http://hooks.example.com/x', /HTTPS only/],
      ['https://user:secret@8.8.8.8/x', /no user name or password/],
      ['https://127.0.0.1/hooks', /127\.0\.0\.1.*public addresses only/],
      ['https://[::1]:8443/hooks', /::1.*public addresses only/],
      ['https://169.254.169.254/latest/meta-data/', /169\.254\.169\.254/],
      ['https://localhost/hooks', /localhost resolves to .*public addresses only/],
      ['https://10.0.0.7/hooks', /10\.0\.0\.7/],
      ['not a url', /Enter a URL/],
      ['https://no-such-host.invalid/hooks', /does not resolve/],
    ];
    for (const [url, problem] of cases) expect(await webhookUrlProblem(url, false), url).toMatch(problem);
    expect(await webhookUrlProblem('https://8.8.8.8/hooks', false)).toBeNull();
  });

  it('the development setting lets a local receiver, over http, through', async () => {
    expect(await webhookUrlProblem('http://127.0.0.1:9999/hooks', true)).toBeNull();
    expect(await webhookUrlProblem('ftp://127.0.0.1/hooks', true)).toMatch(/HTTPS only/);
  });
});

describe('the signature', () => {
  it('verifies with the secret over timestamp and body, inside the replay window only', () => {
    const body = '{"id":"x"}';
    const now = Date.now();
    const ts = Math.floor(now / 1000);
    const signature = signWebhook('s3cret-s3cret-s3cret-s3cret', ts, body);
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret-s3cret-s3cret-s3cret', { timestamp: String(ts), signature }, body, now)).toBe(true);
    expect(verifyWebhook('another-secret-another-secret', { timestamp: String(ts), signature }, body, now)).toBe(false);
    expect(verifyWebhook('s3cret-s3cret-s3cret-s3cret', { timestamp: String(ts), signature }, `${body} `, now)).toBe(false);
    expect(verifyWebhook('s3cret-s3cret-s3cret-s3cret', { timestamp: String(ts + 1), signature }, body, now)).toBe(false);
    // Played back six minutes later: refused.
    expect(verifyWebhook('s3cret-s3cret-s3cret-s3cret', { timestamp: String(ts), signature }, body, now + 360_000)).toBe(false);
    expect(verifyWebhook('s3cret-s3cret-s3cret-s3cret', { timestamp: undefined, signature }, body, now)).toBe(false);
  });
});
