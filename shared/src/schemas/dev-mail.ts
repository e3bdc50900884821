import { z } from 'zod';
import { objectIdSchema } from './common.js';

/** The development mailbox: what the app would have sent without an SMTP server. */
export const mailMessageSchema = z
  .object({ id: objectIdSchema, to: z.string(), subject: z.string(), text: z.string(), html: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: 'MailMessage' });
export type MailMessage = z.infer<typeof mailMessageSchema>;
export const mailboxSchema = z.object({ items: z.array(mailMessageSchema) }).meta({ id: 'DevMailbox' });

