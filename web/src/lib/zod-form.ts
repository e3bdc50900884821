import { useEffect, useRef, type RefObject } from 'react';
import type { z } from 'zod';

/** Mantine form validation from a shared zod schema: `{ field: message }`, first message per field. */
export function zodValidate<S extends z.ZodType>(schema: S) {
  return (values: unknown): Record<string, string> => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.join('.');
      errors[key] ??= issue.message;
    }
    return errors;
  };
}


/**
 * Focus follows a failed save to the form's first field marked invalid, in the order a person
 * reads them, whether the form or the server found the fault: put the returned ref on the <form>.
 * Only when errors appear, so typing in a field already marked keeps its place.
 */
export function useFocusFirstError(errors: Record<string, unknown>): RefObject<HTMLFormElement | null> {
  const ref = useRef<HTMLFormElement | null>(null);
  const had = useRef(false);
  const has = Object.keys(errors).length > 0;
  useEffect(() => {
    if (has && !had.current) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    had.current = has;
  }, [has, errors]);
  return ref;
}
