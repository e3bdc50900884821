import { definePolicy } from './policy.js';

/**
 * A reseller's credit setting (after how many overdue days its customers' orders wait for
 * approval): its own staff change it; its distributor reads it. The scope decides which reseller.
 */
export const creditSettingsPolicy = definePolicy<'creditSettings.read' | 'creditSettings.edit', undefined>({
  'creditSettings.read': { roles: ['reseller', 'distributor'] },
  'creditSettings.edit': { roles: ['reseller'] },
});
