import { describe, expect, it } from 'vitest';
import { createResellerSchema } from './resellers.js';

describe('the new-reseller form’s two emails', () => {
  it('says which one is missing or wrong', () => {
    const result = createResellerSchema.safeParse({ name: 'Acme', contactEmail: '', markupPercent: 10, paymentMethod: 'cash', staff: { firstName: 'A', lastName: 'B', email: 'not-an-email' } });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({ contactEmail: 'Contact email is required', 'staff.email': 'Staff user’s email: enter a valid email address' });
  });
});
