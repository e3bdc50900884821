/** Text a person typed, made literal inside a `$regex` (search boxes never run patterns). */
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
