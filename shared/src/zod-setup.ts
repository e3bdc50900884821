import { z } from 'zod';

// In the browser our CSP (script-src 'self') forbids eval. zod probes for it with `new Function`
// when it builds its first object schema, which the browser reports as a CSP violation. jitless
// skips the probe (validation works the same). First import of index.ts: before any schema is built.
// The server keeps zod's faster JIT.
if ('window' in globalThis) z.config({ jitless: true });
