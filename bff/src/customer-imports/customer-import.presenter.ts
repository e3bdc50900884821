import type { CustomerImport as CustomerImportView } from '@app/shared';
import { customerImportPolicy } from '../policies/customer-import.js';
import type { Principal } from '../tenancy/principal.js';
import type { CustomerImportDoc } from './customer-import.model.js';

type Stored = CustomerImportDoc & { _id: { toHexString(): string }; createdAt?: Date };
const counts = (c: { create?: number | null; update?: number | null; unchanged?: number | null; refused?: number | null }) => ({
  create: c.create ?? 0,
  update: c.update ?? 0,
  unchanged: c.unchanged ?? 0,
  refused: c.refused ?? 0,
});

export function presentImport(i: Stored, principal: Principal): CustomerImportView {
  return {
    id: i._id.toHexString(),
    fileName: i.fileName,
    state: i.state as CustomerImportView['state'],
    sendActivation: i.sendActivation,
    rows: i.rows,
    checked: counts(i.checked ?? {}),
    applied: i.applied ? counts(i.applied) : null,
    createdAt: (i.createdAt ?? new Date(0)).toISOString(),
    createdByName: i.createdByName,
    appliedAt: i.appliedAt ? i.appliedAt.toISOString() : null,
    abilities: customerImportPolicy.abilities(principal, { state: i.state, leaseUntil: i.leaseUntil ?? null }, { apply: 'customerImport.apply' }),
  };
}
