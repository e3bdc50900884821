import type { Types } from 'mongoose';
import type { Payment as PaymentDto } from '@app/shared';
import type { PaymentDoc } from './payment.model.js';

export function presentPayment(p: PaymentDoc & { _id: Types.ObjectId }): PaymentDto {
  return {
    id: p._id.toHexString(),
    customerId: p.customerId.toHexString(),
    receivedOn: p.receivedOn,
    reference: p.reference,
    amountCents: p.amountCents,
    allocations: p.allocations.map((a) => ({ invoiceId: a.invoiceId.toHexString(), invoiceNumber: a.invoiceNumber, amountCents: a.amountCents })),
  };
}
