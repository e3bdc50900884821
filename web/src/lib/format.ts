export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('en-GB').format(n);
}

/** A date in the person's own format (DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD), time in their language's style. */
export function formatDate(iso: string, dateFormat = 'DD/MM/YYYY', withTime = false, language = 'en'): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const [dd, mm, yyyy] = [pad(d.getDate()), pad(d.getMonth() + 1), String(d.getFullYear())];
  const date = dateFormat === 'MM/DD/YYYY' ? `${mm}/${dd}/${yyyy}` : dateFormat === 'YYYY-MM-DD' ? `${yyyy}-${mm}-${dd}` : `${dd}/${mm}/${yyyy}`;
  if (!withTime) return date;
  return `${date} ${d.toLocaleTimeString(language === 'el' ? 'el-GR' : language === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit' })}`;
}

/** "3 days", "5 hours", "12 minutes": how long something has waited. */
export function formatAge(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'}`;
}
