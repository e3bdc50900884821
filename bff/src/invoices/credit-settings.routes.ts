import { creditSettingsSchema, idParamsSchema, updateCreditSettingsSchema } from '@app/shared';
import { defineRoute } from '../http/route.js';
import { creditSettingsPolicy } from '../policies/credit-settings.js';
import { getCreditSettings, updateCreditSettings } from './credit-settings.service.js';

/** A reseller's credit setting: its staff (their own reseller only) change it, its distributor reads it. */
export const creditSettingsRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/resellers/:id/credit-settings',
    tag: 'invoices',
    summary: 'After how many overdue days an invoice makes the reseller’s customers’ orders wait for approval (default 30), with what the caller may do',
    access: 'session',
    roles: creditSettingsPolicy.roles('creditSettings.read'),
    params: idParamsSchema,
    success: { status: 200, description: 'The setting', schema: creditSettingsSchema },
    handler: ({ actor, params }) => getCreditSettings(actor, params.id),
  }),
  defineRoute({
    method: 'put',
    path: '/api/resellers/:id/credit-settings',
    tag: 'invoices',
    summary: 'Set the overdue days (0–365) on the revision the edit was made on (else 409, nothing changed); audited before → after',
    access: 'session',
    roles: creditSettingsPolicy.roles('creditSettings.edit'),
    params: idParamsSchema,
    body: updateCreditSettingsSchema,
    success: { status: 200, description: 'The setting', schema: creditSettingsSchema },
    errors: [409],
    handler: ({ actor, params, body }) => updateCreditSettings(actor, params.id, body),
  }),
];
