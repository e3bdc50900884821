/** Every state-changing request carries this header; see bff/src/http/csrf.ts for why. */
export const CSRF_HEADER = 'x-csrf-protection';
export const CSRF_HEADER_VALUE = '1';
