import { Schema, model } from 'mongoose';

/**
 * Development and test mail: with no SMTP_URL the mailer stores messages here and the dev mail
 * page shows them. Never used when SMTP is configured (production requires it).
 */
const outboxSchema = new Schema({
  /** The recipient's tenant: the mailbox shows each signed-in staff member only their own subtree. */
  distributorId: { type: Schema.Types.ObjectId, required: true },
  resellerId: { type: Schema.Types.ObjectId, default: null },
  to: { type: String, required: true },
  subject: { type: String, required: true },
  text: { type: String, required: true },
  html: { type: String, required: true },
  createdAt: { type: Date, required: true },
});
outboxSchema.index({ distributorId: 1, resellerId: 1, createdAt: -1 });
outboxSchema.index({ distributorId: 1, createdAt: -1 });

export const OutboxMessage = model('OutboxMessage', outboxSchema);
