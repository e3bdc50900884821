import type { Model } from 'mongoose';

/**
 * The application's models, as the app's model list (src/models.ts) registers them: the database
 * layer creates indexes and serves reads for whatever is registered here, and knows no feature.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- models of every document type
type AnyModel = Model<any>;

let registered: readonly AnyModel[] | null = null;

export function registerModels(models: readonly AnyModel[]): void {
  registered = models;
}

export function registeredModels(): readonly AnyModel[] {
  if (!registered) throw new Error('No models registered: import the model list (src/models.ts) before opening the database');
  return registered;
}
