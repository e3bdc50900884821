import type { Language } from '@app/shared';
import { activeLocale, INTL_LOCALE } from './i18n';

// Numbers, money and times speak the language on screen (lib/i18n.ts): English for staff, the buyer's own in the storefront.

export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat(activeLocale(), { style: 'currency', currency }).format(amount);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(activeLocale()).format(n);
}

/**
 * A date in the person's own format (DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD), time in their
 * language's style: `language` when given, else the language on screen.
 */
export function formatDate(iso: string, dateFormat = 'DD/MM/YYYY', withTime = false, language?: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const [dd, mm, yyyy] = [pad(d.getDate()), pad(d.getMonth() + 1), String(d.getFullYear())];
  const date = dateFormat === 'MM/DD/YYYY' ? `${mm}/${dd}/${yyyy}` : dateFormat === 'YYYY-MM-DD' ? `${yyyy}-${mm}-${dd}` : `${dd}/${mm}/${yyyy}`;
  if (!withTime) return date;
  const locale = (language && INTL_LOCALE[language as Language]) || activeLocale();
  return `${date} ${d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })}`;
}

/** "3 days", "5 hours", "12 minutes": how long something has waited, in the language on screen. */
export function formatAge(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  const unit = (value: number, u: 'minute' | 'hour' | 'day') => new Intl.NumberFormat(activeLocale(), { style: 'unit', unit: u, unitDisplay: 'long' }).format(value);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return unit(hours, 'hour');
  return unit(Math.floor(hours / 24), 'day');
}

/** The separators a number input types with, in the language on screen ("1,000" in English, "1.000" in German and Greek). */
export function numberSeparators(): { thousandSeparator: string; decimalSeparator: string } {
  const parts = new Intl.NumberFormat(activeLocale()).formatToParts(11111.5);
  return { thousandSeparator: parts.find((p) => p.type === 'group')?.value ?? ',', decimalSeparator: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
}
