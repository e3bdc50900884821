import type { Express } from 'express';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import request from 'supertest';
import { rawBody } from './raw-body.js';

/** The text of every page of a PDF, as a reader copies it (pdf.js), spaces of every kind as one. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await pdf.destroy();
  return oneSpace(pages.join('\n'));
}

/** Spaces as one: Intl writes no-break and narrow no-break spaces inside amounts. */
export const oneSpace = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

/** GETs a PDF and reads its text; `text` is '' unless the answer is a 200. */
export async function downloadPdf(app: Express, url: string, cookie: string) {
  const res = await rawBody(request(app).get(url).set('Cookie', cookie));
  const bytes = res.body as Buffer;
  return { res, bytes, text: res.status === 200 ? await pdfText(new Uint8Array(bytes)) : '' };
}
