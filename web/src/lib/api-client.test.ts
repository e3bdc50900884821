import { afterEach, describe, expect, it, vi } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { apiRequest, apiRequestIfChanged, ApiRequestError, onUnauthorized, toQueryString } from './api-client';

const answer = (status: number, body: unknown) => vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status }));

afterEach(() => vi.unstubAllGlobals());

describe('apiRequestIfChanged', () => {
  it('sends the last answer’s ETag back, and on 304 gives the answer it holds', async () => {
    const calls: RequestInit[] = [];
    const replies = [
      new Response(JSON.stringify({ n: 1 }), { status: 200, headers: { ETag: 'W/"one"' } }),
      new Response(null, { status: 304, headers: { ETag: 'W/"one"' } }),
      new Response(JSON.stringify({ n: 2 }), { status: 200, headers: { ETag: 'W/"two"' } }),
    ];
    vi.stubGlobal('fetch', vi.fn(async (_path: string, init: RequestInit) => (calls.push(init), replies.shift()!)));
    expect(await apiRequestIfChanged('/api/polled')).toEqual({ n: 1 });
    expect(await apiRequestIfChanged('/api/polled')).toEqual({ n: 1 });
    expect(await apiRequestIfChanged('/api/polled')).toEqual({ n: 2 });
    expect(calls.map((c) => (c.headers as Record<string, string>)['If-None-Match'])).toEqual([undefined, 'W/"one"', 'W/"one"']);
  });
});

describe('apiRequest', () => {
  it('sends the CSRF header and JSON body on a change, and not on a read', async () => {
    const fetch = answer(200, { ok: true });
    vi.stubGlobal('fetch', fetch);
    await apiRequest('/api/x', { method: 'PUT', body: { a: 1 } });
    await apiRequest('/api/x');
    const [, put] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    const [, get] = fetch.mock.calls[1] as unknown as [string, RequestInit];
    expect(put.headers).toMatchObject({ [CSRF_HEADER]: CSRF_HEADER_VALUE, 'Content-Type': 'application/json' });
    expect(put.body).toBe('{"a":1}');
    expect(get.headers).not.toHaveProperty(CSRF_HEADER);
  });

  it('turns the BFF’s error shape into an error with its code and field messages', async () => {
    vi.stubGlobal('fetch', answer(400, { error: { code: 'validation_failed', message: 'Check the fields.', fields: { email: 'Enter an email' } } }));
    const err = await apiRequest('/api/x', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', message: 'Check the fields.', fields: { email: 'Enter an email' } });
  });

  it('explains an answer that is not the error shape, and an unreachable server', async () => {
    vi.stubGlobal('fetch', answer(502, undefined));
    await expect(apiRequest('/api/x')).rejects.toMatchObject({ status: 502, code: 'internal', message: 'The server answered 502. Please try again.' });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))));
    await expect(apiRequest('/api/x')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('announces a 401 to the app once, unless the caller expects one', async () => {
    vi.stubGlobal('fetch', answer(401, { error: { code: 'unauthenticated', message: 'Please sign in.' } }));
    const heard: string[] = [];
    const stop = onUnauthorized((e) => heard.push(e.code));
    await apiRequest('/api/me', { quietUnauthorized: true }).catch(() => {});
    await apiRequest('/api/customers').catch(() => {});
    stop();
    await apiRequest('/api/customers').catch(() => {});
    expect(heard).toEqual(['unauthenticated']);
  });
});

describe('toQueryString', () => {
  it('keeps defined, non-empty values only', () => {
    expect(toQueryString({ q: 'blue harbor', sort: '-city', cursor: undefined, reseller: '', limit: 100 })).toBe('?q=blue+harbor&sort=-city&limit=100');
    expect(toQueryString({ q: '' })).toBe('');
  });
});
