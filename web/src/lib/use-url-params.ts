import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A page's view state (search, sort, filters) kept in the URL's query, so reload, back/forward and
 * a shared link all show the same view. `names` maps each value to its query parameter; an empty
 * value, or the default, leaves the parameter out.
 */
export function useUrlParams<K extends string>(names: Record<K, string>, defaults: Partial<Record<K, string>> = {}) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => {
    const out = {} as Record<K, string>;
    for (const [key, name] of Object.entries(names) as [K, string][]) out[key] = params.get(name) ?? defaults[key] ?? '';
    return out;
    // The maps are constants of the calling page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);
  const set = useCallback(
    (changes: Partial<Record<K, string>>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes) as [K, string][]) {
            if (value && value !== defaults[key]) next.set(names[key], value);
            else next.delete(names[key]);
          }
          return next;
        },
        { replace: false },
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [setParams],
  );
  return { values, set };
}
