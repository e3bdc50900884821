/** Pages that emailed links open: the BFF writes them into emails, the web app routes them. */
export const LINK_PAGES = { activation: '/activate', reset: '/reset-password' } as const;
export type LinkPurpose = keyof typeof LINK_PAGES;
