import type { Request } from 'express';
import type { Types } from 'mongoose';
import { LINK_PAGES } from '@app/shared';
import type { Config } from '../config.js';
import { publicOrigin } from '../http/public-origin.js';
import type { Mailer, MailMessage } from '../mail/mailer.js';
import { issueAccountToken, TOKEN_TTL_HOURS, type TokenPurpose } from './account-tokens.js';

export interface MailContext {
  mailer: Mailer;
  /** Origin for the links in emails. */
  origin: string;
  log: (err: unknown, msg: string) => void;
}

/** What a route that emails links needs from the app's deps. */
export type MailDeps = { mailer: Mailer; config: Config };

/** The mail context of a request: links point at the public origin; failures go to the request's log. */
export const mailContextOf = (req: Request, deps: MailDeps): MailContext => ({
  mailer: deps.mailer,
  origin: publicOrigin(req, deps.config),
  log: (err, msg) => req.log?.error({ err }, msg),
});

export type LinkRecipient = { _id: Types.ObjectId; email: string; firstName: string; language: string; distributorId: Types.ObjectId; resellerId?: Types.ObjectId | null };

/**
 * Issues a fresh single-use link for the account (the previous one of that purpose stops working)
 * and emails it, worded by `build`. A failed send is logged and answered `false`, so the caller
 * can say so; it never half-hides.
 */
export async function sendAccountLink(
  ctx: MailContext,
  user: LinkRecipient,
  purpose: TokenPurpose,
  build: (o: { link: string; hours: number }) => MailMessage,
): Promise<boolean> {
  const token = await issueAccountToken(user._id, purpose);
  const link = `${ctx.origin}${LINK_PAGES[purpose]}?token=${encodeURIComponent(token)}`;
  try {
    await ctx.mailer.send({ ...build({ link, hours: TOKEN_TTL_HOURS[purpose] }), tenant: { distributorId: user.distributorId, resellerId: user.resellerId ?? null } });
    return true;
  } catch (err) {
    ctx.log(err, `could not send the ${purpose} email`);
    return false;
  }
}
