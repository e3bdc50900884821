import { describe, expect, it } from 'vitest';
import { loginRequestSchema } from './auth.js';

describe('loginRequestSchema', () => {
  it('normalises the email so sign-in is case-insensitive', () => {
    expect(loginRequestSchema.parse({ email: '  Reseller.Cash@Demo.Example ', password: 'x' }).email).toBe('reseller.cash@demo.example');
  });

  it('names each invalid field', () => {
    const result = loginRequestSchema.safeParse({ email: 'nope', password: '' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['email', 'password']);
  });
});
