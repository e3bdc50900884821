import type { Language } from '@app/shared';
import type { MailMessage } from './mailer.js';

interface Copy {
  welcomeSubject: (reseller: string) => string;
  welcomeBody: (name: string, reseller: string) => string;
  activateButton: string;
  staffWelcomeSubject: (reseller: string) => string;
  staffWelcomeBody: (name: string, reseller: string, distributor: string) => string;
  resetSubject: (reseller: string) => string;
  resetBody: (name: string, reseller: string) => string;
  resetButton: string;
  expires: (hours: number) => string;
  ignore: string;
}

const COPY: Record<Language, Copy> = {
  en: {
    welcomeSubject: (r) => `Welcome to the ${r} storefront`,
    welcomeBody: (n, r) => `Hello ${n},\n\n${r} has invited you to its storefront, where you can see your prices, place orders and follow them. Activate your account and choose a password:`,
    activateButton: 'Activate my account',
    staffWelcomeSubject: (r) => `Your ${r} admin account is ready`,
    staffWelcomeBody: (n, r, d) => `Hello ${n},\n\n${d} has opened an account for ${r} in Storefront Admin, where you manage your customers, their storefront users and their orders. Activate your account and choose a password:`,
    resetSubject: (r) => `Reset your ${r} storefront password`,
    resetBody: (n, r) => `Hello ${n},\n\nA password reset was requested for your ${r} storefront account. Choose a new password here:`,
    resetButton: 'Choose a new password',
    expires: (h) => `The link works once and expires in ${h} hour${h === 1 ? '' : 's'}.`,
    ignore: 'If you did not expect this message, you can ignore it.',
  },
  el: {
    welcomeSubject: (r) => `Καλώς ήρθατε στο κατάστημα της ${r}`,
    welcomeBody: (n, r) => `Γεια σας ${n},\n\nΗ ${r} σας προσκαλεί στο ηλεκτρονικό της κατάστημα, όπου βλέπετε τις τιμές σας, κάνετε παραγγελίες και τις παρακολουθείτε. Ενεργοποιήστε τον λογαριασμό σας και επιλέξτε κωδικό:`,
    activateButton: 'Ενεργοποίηση λογαριασμού',
    staffWelcomeSubject: (r) => `Ο λογαριασμός διαχείρισης της ${r} είναι έτοιμος`,
    staffWelcomeBody: (n, r, d) => `Γεια σας ${n},\n\nΗ ${d} άνοιξε λογαριασμό για την ${r} στο Storefront Admin, όπου διαχειρίζεστε τους πελάτες σας, τους χρήστες του καταστήματός τους και τις παραγγελίες τους. Ενεργοποιήστε τον λογαριασμό σας και επιλέξτε κωδικό:`,
    resetSubject: (r) => `Επαναφορά κωδικού για το κατάστημα της ${r}`,
    resetBody: (n, r) => `Γεια σας ${n},\n\nΖητήθηκε επαναφορά του κωδικού σας στο κατάστημα της ${r}. Επιλέξτε νέο κωδικό εδώ:`,
    resetButton: 'Επιλογή νέου κωδικού',
    expires: (h) => `Ο σύνδεσμος λειτουργεί μία φορά και λήγει σε ${h} ώρ${h === 1 ? 'α' : 'ες'}.`,
    ignore: 'Αν δεν περιμένατε αυτό το μήνυμα, αγνοήστε το.',
  },
  de: {
    welcomeSubject: (r) => `Willkommen im Shop von ${r}`,
    welcomeBody: (n, r) => `Hallo ${n},\n\n${r} hat Sie in seinen Shop eingeladen, wo Sie Ihre Preise sehen, bestellen und Bestellungen verfolgen. Aktivieren Sie Ihr Konto und wählen Sie ein Passwort:`,
    activateButton: 'Konto aktivieren',
    staffWelcomeSubject: (r) => `Ihr Admin-Konto für ${r} ist bereit`,
    staffWelcomeBody: (n, r, d) => `Hallo ${n},\n\n${d} hat für ${r} ein Konto in Storefront Admin eröffnet, wo Sie Ihre Kunden, deren Shop-Benutzer und Bestellungen verwalten. Aktivieren Sie Ihr Konto und wählen Sie ein Passwort:`,
    resetSubject: (r) => `Passwort für den Shop von ${r} zurücksetzen`,
    resetBody: (n, r) => `Hallo ${n},\n\nFür Ihr Konto im Shop von ${r} wurde ein neues Passwort angefordert. Wählen Sie hier ein neues Passwort:`,
    resetButton: 'Neues Passwort wählen',
    expires: (h) => `Der Link funktioniert einmal und läuft in ${h} Stunde${h === 1 ? '' : 'n'} ab.`,
    ignore: 'Wenn Sie diese Nachricht nicht erwartet haben, können Sie sie ignorieren.',
  },
};

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function render(to: string, subject: string, body: string, button: string, link: string, footer: string[]): MailMessage {
  const text = `${body}\n\n${link}\n\n${footer.join('\n')}\n`;
  const paragraphs = body.split('\n\n').map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#212529">${paragraphs}<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#364fc7;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(button)}</a></p>${footer.map((f) => `<p style="color:#495057;font-size:13px">${escapeHtml(f)}</p>`).join('')}</body></html>`;
  return { to, subject, text, html };
}

const copyFor = (language: string) => COPY[(language in COPY ? language : 'en') as Language];

export function welcomeMessage(o: { to: string; name: string; reseller: string; language: string; link: string; hours: number }): MailMessage {
  const c = copyFor(o.language);
  return render(o.to, c.welcomeSubject(o.reseller), c.welcomeBody(o.name, o.reseller), c.activateButton, o.link, [c.expires(o.hours), c.ignore]);
}

/** To a reseller's first staff user, opened by the distributor (onboarding). */
export function staffWelcomeMessage(o: { to: string; name: string; reseller: string; distributor: string; language: string; link: string; hours: number }): MailMessage {
  const c = copyFor(o.language);
  return render(o.to, c.staffWelcomeSubject(o.reseller), c.staffWelcomeBody(o.name, o.reseller, o.distributor), c.activateButton, o.link, [c.expires(o.hours), c.ignore]);
}

export function resetMessage(o: { to: string; name: string; reseller: string; language: string; link: string; hours: number }): MailMessage {
  const c = copyFor(o.language);
  return render(o.to, c.resetSubject(o.reseller), c.resetBody(o.name, o.reseller), c.resetButton, o.link, [c.expires(o.hours), c.ignore]);
}
