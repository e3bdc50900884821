import { AUDIT_ACTION_LABELS, type AuditAction, type AuditEventRow } from '@app/shared';

/** The action as people read it; an action this build does not know shows as stored. */
export const actionLabel = (action: string) => AUDIT_ACTION_LABELS[action as AuditAction] ?? action;

/** `orderApprovalRequired` → "Order approval required". */
export function fieldLabel(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A before/after value: nothing is "—", yes/no for switches, state names in words. */
export function valueText(v: AuditEventRow['changes'][number]['from']): string {
  if (v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'string' && /^[a-z]+(_[a-z]+)+$/.test(v)) return v.replace(/_/g, ' ');
  return String(v);
}

/** "City: Athens → Volos; Phone: … → …" for one line of the grid. */
export const changesText = (changes: AuditEventRow['changes']) =>
  changes.map((c) => `${fieldLabel(c.field)}: ${valueText(c.from)} → ${valueText(c.to)}`).join('; ');

/** A browser's user agent in a few words ("Chrome on Windows"); the full string is in the details. */
export function browserText(userAgent: string | null): string {
  if (!userAgent) return '—';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : null;
  const os = /Windows/.test(userAgent) ? 'Windows' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? userAgent.slice(0, 40);
}

/** Where from: the address and the browser, as one line. */
export const whereText = (e: Pick<AuditEventRow, 'ip' | 'userAgent'>) => (e.ip || e.userAgent ? `${e.ip ?? 'unknown address'} · ${browserText(e.userAgent)}` : 'Not recorded');
