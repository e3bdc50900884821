import type { z } from 'zod';
import { validationFailed } from '../errors/app-error.js';

/** Turns zod issues into `{ "field.path": "message" }`, the `fields` of a 400 answer. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw validationFailed(fieldErrors(result.error), `The ${where} has invalid values.`);
  }
  return result.data;
}
