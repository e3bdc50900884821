import type { Model, Types } from 'mongoose';
import { documentsWithWaitingDeltas, figureSourceModels, settleFigures, type FigureTarget } from './kept-figures.js';

type AnyModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type TargetsOf = (doc: Record<string, unknown>) => FigureTarget[];

const targetsByModel = new Map<string, TargetsOf>();

/** Names the targets of a source model's deltas (registered once, by the composition root). */
export function registerFigureSource(model: AnyModel, targetsOf: TargetsOf): void {
  targetsByModel.set(model.modelName, targetsOf);
}

function targetsOfModel(model: AnyModel): TargetsOf {
  const targetsOf = targetsByModel.get(model.modelName);
  if (!targetsOf) throw new Error(`${model.modelName} carries figure deltas but no one said whose figures they move`);
  return targetsOf;
}

/** Adds the deltas waiting on one document to their targets (idempotent). */
export const settleFiguresOf = (model: AnyModel, id: Types.ObjectId) => settleFigures(model, id, targetsOfModel(model));

/**
 * At start-up (and before a reconciliation): every delta still waiting, on any document of any
 * model that carries them, added to its targets. Returns how many.
 */
export async function sweepWaitingDeltas(models: readonly AnyModel[] = figureSourceModels()): Promise<number> {
  let settled = 0;
  for (const model of models) {
    for (const id of await documentsWithWaitingDeltas(model)) settled += await settleFiguresOf(model, id);
  }
  return settled;
}
