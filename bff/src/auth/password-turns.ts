/**
 * Password checks take turns per account: at most `perAccount` run at once for one sign-in email,
 * the others wait in arrival order. Twenty addresses guessing one account all at once then occupy
 * two of the hashing threads, not all of them, so the owner's check (and everyone else's sign-in)
 * is not queued behind a burst of argon2 work, and a check that waits its turn still does its
 * full hashing: nothing is answered without it. In-process, like the hashing itself.
 */
export function createPasswordTurns(perAccount = 2) {
  const accounts = new Map<string, { running: number; waiting: (() => void)[] }>();

  const release = (key: string) => {
    const account = accounts.get(key)!;
    const next = account.waiting.shift();
    if (next) next();
    else if (--account.running === 0) accounts.delete(key);
  };

  return {
    async run<T>(email: string, check: () => Promise<T>): Promise<T> {
      const key = email.toLowerCase();
      let account = accounts.get(key);
      if (!account) accounts.set(key, (account = { running: 0, waiting: [] }));
      // A finishing check hands its place straight to the next in line (running stays the same).
      if (account.running < perAccount) account.running++;
      else await new Promise<void>((turn) => account.waiting.push(turn));
      try {
        return await check();
      } finally {
        release(key);
      }
    },
    /** Checks running for the account now (tests, diagnostics). */
    running(email: string): number {
      return accounts.get(email.toLowerCase())?.running ?? 0;
    },
  };
}
export type PasswordTurns = ReturnType<typeof createPasswordTurns>;

/** The process's turns, shared by every sign-in. */
export const passwordTurns = createPasswordTurns();
