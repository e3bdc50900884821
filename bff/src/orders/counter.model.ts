import { Schema, model } from 'mongoose';

/** Sequence documents advanced with `$inc` (no transactions needed), e.g. order numbers per distributor. */
const counterSchema = new Schema({
  _id: { type: String, required: true },
  seq: { type: Number, required: true, default: 0 },
});

export const Counter = model('Counter', counterSchema);

export async function nextSequence(key: string, by = 1): Promise<number> {
  const doc = await Counter.findOneAndUpdate({ _id: key }, { $inc: { seq: by } }, { upsert: true, returnDocument: 'after' });
  return doc.seq;
}
