import { z } from 'zod';

/** Links into the distributor's workspace at one customer (Manage services / subscriptions / assets). */
export const SSO_TARGETS = ['services', 'subscriptions', 'assets'] as const;
export const ssoLinkRequestSchema = z.object({ target: z.enum(SSO_TARGETS) }).meta({ id: 'SsoLinkRequest' });
export const ssoLinkSchema = z.object({ url: z.url(), expiresAt: z.iso.datetime() }).meta({ id: 'SsoLink' });
export type SsoLink = z.infer<typeof ssoLinkSchema>;
