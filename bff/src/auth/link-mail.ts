import type { Request } from 'express';
import type { Types } from 'mongoose';
import { LINK_PAGES } from '@app/shared';
import type { Config } from '../config.js';
import type { Courier } from '../deliveries/courier.js';
import { outgoingMail } from '../deliveries/outgoing-message.js';
import { publicOrigin } from '../http/public-origin.js';
import type { MailMessage } from '../mail/mailer.js';
import { issueAccountLink, TOKEN_TTL_HOURS, type TokenPurpose } from './account-tokens.js';

export interface MailContext {
  courier: Courier;
  /** Origin for the links in emails. */
  origin: string;
}

/** What a route that emails links needs from the app's deps. */
export type MailDeps = { courier: Courier; config: Config };

/** The mail context of a request: links point at the public origin. */
export const mailContextOf = (req: Request, deps: MailDeps): MailContext => ({
  courier: deps.courier,
  origin: publicOrigin(req, deps.config),
});

export type LinkRecipient = {
  _id: Types.ObjectId;
  email: string;
  firstName: string;
  language: string;
  distributorId: Types.ObjectId;
  resellerId?: Types.ObjectId | null;
  customerId?: Types.ObjectId | null;
};

/**
 * Issues a fresh single-use link for the account (the previous one of that purpose stops working)
 * and emails it, worded by `build`: the email is stored with the link and delivered through the
 * queue, a first attempt at once. Answers whether that attempt handed it over; when not, the
 * queue tries again (deliveries/), and the caller can say so.
 */
export async function sendAccountLink(
  ctx: MailContext,
  user: LinkRecipient,
  purpose: TokenPurpose,
  build: (o: { link: string; hours: number }) => MailMessage,
): Promise<boolean> {
  const ids = await issueAccountLink(user._id, purpose, (token) => {
    const link = `${ctx.origin}${LINK_PAGES[purpose]}?token=${encodeURIComponent(token)}`;
    return outgoingMail(`account.${purpose}`, user, build({ link, hours: TOKEN_TTL_HOURS[purpose] }), { sensitive: true });
  });
  return ids.length > 0 && (await ctx.courier.deliverNow(ids));
}
