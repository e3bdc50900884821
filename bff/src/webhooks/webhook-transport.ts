import http from 'node:http';
import https from 'node:https';
import { WEBHOOK_HEADERS } from '@app/shared';
import type { Config } from '../config.js';
import type { DeliveryTransport } from '../deliveries/delivery-attempt.js';
import type { ClaimedDelivery } from '../deliveries/delivery-claim.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { checkHost, guardedLookup } from './ssrf-guard.js';
import { endpointFailed, endpointSucceeded } from './webhook-health.js';
import { WebhookEndpoint, type WebhookEndpointDoc } from './webhook-endpoint.model.js';
import { signWebhook } from './webhook-signature.js';

export interface WebhookTransportOptions {
  /** WEBHOOK_ALLOW_PRIVATE: development and tests reach a receiver on this machine. */
  allowPrivate: boolean;
  /** A receiver answers within this or the attempt fails (and is retried). */
  timeoutMs: number;
  /** For the link in the email that tells an owner its endpoint was paused. */
  origin: string;
}

/** What of an answer's body we read (and drop): a receiver's answer is its status. */
const MAX_ANSWER_BYTES = 64 * 1024;

const permanently = (message: string) => Object.assign(new Error(message), { permanent: true });
const failure = (message: string, status: number | null = null) => Object.assign(new Error(message), { status });

/**
 * POSTs one call to its endpoint, signed with the endpoint's secret at this attempt's time. A 2xx
 * answer delivers it; any other answer, a timeout or a refused address is retried by the queue;
 * redirects are not followed (the address they name was never checked). A paused or deleted
 * endpoint's call fails for good, kept for "send again" after a resume.
 */
function post(d: ClaimedDelivery, endpoint: WebhookEndpointDoc, o: WebhookTransportOptions): Promise<{ status: number }> {
  const call = d.webhook!;
  const url = new URL(call.url);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'StorefrontAdmin-Webhooks/1',
    [WEBHOOK_HEADERS.id]: d._id.toHexString(),
    [WEBHOOK_HEADERS.event]: call.event,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: signWebhook(endpoint.secret, timestamp, call.body),
    'Content-Length': String(Buffer.byteLength(call.body)),
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'POST', headers, lookup: guardedLookup(o.allowPrivate), timeout: o.timeoutMs }, (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) res.destroy();
      });
      res.on('close', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ status });
        else reject(failure(`The receiver answered HTTP ${status}`, status));
      });
      res.on('error', () => {});
    });
    req.on('timeout', () => req.destroy(failure(`No answer within ${o.timeoutMs / 1000} s`)));
    req.on('error', (err) => reject('status' in err ? err : failure(err.message)));
    req.end(call.body);
  });
}

/** The transport as the configuration sets it (WEBHOOK_ALLOW_PRIVATE, WEBHOOK_TIMEOUT_MS, PUBLIC_ORIGIN). */
export const webhookTransportOf = (config: Pick<Config, 'WEBHOOK_ALLOW_PRIVATE' | 'WEBHOOK_TIMEOUT_MS' | 'PUBLIC_ORIGIN'>) =>
  webhookTransport({ allowPrivate: config.WEBHOOK_ALLOW_PRIVATE === '1', timeoutMs: config.WEBHOOK_TIMEOUT_MS, origin: config.PUBLIC_ORIGIN });

/** The courier's transport for webhook calls, keeping each endpoint's health (webhook-health.ts). */
export function webhookTransport(o: WebhookTransportOptions): DeliveryTransport {
  return async (d) => {
    if (!d.webhook) throw permanently('Not a webhook call');
    const endpoint = (await unsafeUnscoped(WebhookEndpoint.findById(d.webhook.endpointId), 'webhooks: the courier sends for every tenant').lean()) as WebhookEndpointDoc | null;
    if (!endpoint) throw permanently('The endpoint was deleted');
    if (endpoint.state === 'paused') throw permanently('The endpoint is paused: resume it, then send this again');
    try {
      // An address written as an IP is connected to without a lookup: checked here.
      await checkHost(new URL(d.webhook.url).hostname, o.allowPrivate);
      const answer = await post(d, endpoint, o);
      await endpointSucceeded(endpoint._id);
      return answer;
    } catch (err) {
      await endpointFailed(endpoint._id, o.origin);
      throw err;
    }
  };
}
