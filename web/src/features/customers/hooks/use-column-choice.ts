import { useCallback, useState } from 'react';

/**
 * Which optional columns of a grid a person has hidden, remembered per user in this browser
 * (localStorage keyed by user id: the principal's preferences are not writable by staff).
 */
export function useColumnChoice(userId: string, grid: string) {
  const key = `storefront-admin:columns:${userId}:${grid}`;
  const [hidden, setHidden] = useState<string[]>(() => {
    try {
      const v: unknown = JSON.parse(window.localStorage.getItem(key) ?? '[]');
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  });
  const choose = useCallback(
    (next: string[]) => {
      setHidden(next);
      try {
        window.localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // storage refused: the choice lasts for this page only
      }
    },
    [key],
  );
  return { hidden, setHidden: choose };
}
