import { DOWNLOAD_COOKIE_PREFIX } from '@app/shared';

/**
 * Starts a file download the browser streams to disk itself (no copy in this page's memory), and
 * resolves once the server has begun sending the file — learned from the short-lived cookie the
 * answer sets for this download's token (bff/src/exports/send-xlsx.ts). Rejects after `timeoutMs`
 * without it (the GET failed after all: the browser shows the failed download).
 */
export async function startDownload(url: string, timeoutMs = 60_000): Promise<void> {
  const token = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  const cookie = `${DOWNLOAD_COOKIE_PREFIX}${token}`;
  const link = document.createElement('a');
  link.href = `${url}${url.includes('?') ? '&' : '?'}downloadToken=${token}`;
  link.download = ''; // the server's Content-Disposition names the file
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();

  const started = Date.now();
  while (!document.cookie.split('; ').some((c) => c.startsWith(`${cookie}=`))) {
    if (Date.now() - started > timeoutMs) throw new Error('The download did not start. Please try again.');
    await new Promise((r) => setTimeout(r, 200));
  }
  document.cookie = `${cookie}=; Max-Age=0; Path=/; SameSite=Strict`;
}
