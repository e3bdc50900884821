import { Types } from 'mongoose';
import { BRAND_LOGO_MAX_BYTES, type BrandLogoType, type Branding, type UpdateBranding, type UploadLogo } from '@app/shared';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { conflict, forbidden, notFound, validationFailed } from '../errors/app-error.js';
import { brandingPolicy } from '../policies/branding.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped, scopedDoc } from '../tenancy/tenant-plugin.js';
import { ResellerLogo } from './reseller-logo.model.js';

type StoredBranding = { accentColor?: string | null; logo?: { id: Types.ObjectId; contentType: string; bytes: number; updatedAt: Date } | null } | null | undefined;
type StoredReseller = { _id: Types.ObjectId; name: string; revision: number; branding?: StoredBranding };

/** The caller's own reseller (staff: theirs; a storefront user: its customer's); there is no other to name. */
async function ownReseller(actor: Actor): Promise<StoredReseller> {
  const { principal, scope } = actor;
  if (!principal.resellerId) throw forbidden();
  const reseller = await scoped(Reseller.findById(principal.resellerId, { name: 1, revision: 1, branding: 1 }), scope).lean<StoredReseller>();
  if (!reseller) throw notFound('The reseller');
  return reseller;
}

function present(actor: Actor, r: StoredReseller): Branding {
  const logo = r.branding?.logo;
  return {
    resellerName: r.name,
    accentColor: r.branding?.accentColor ?? null,
    logo: logo ? { contentType: logo.contentType as BrandLogoType, bytes: logo.bytes, updatedAt: logo.updatedAt.toISOString() } : null,
    canEdit: brandingPolicy.can(actor.principal, 'branding.edit'),
    revision: r.revision,
  };
}

export async function getBranding(actor: Actor): Promise<Branding> {
  brandingPolicy.authorize(actor.principal, 'branding.read', undefined, forbidden);
  return present(actor, await ownReseller(actor));
}

const stale = () => conflict('The storefront branding was changed by someone else since you opened it. Reload to see the latest version.', 'stale');

/**
 * One conditional write on the reseller (`expected`: its revision, or the logo it shows), the audit event in the same write: of
 * many racing editors exactly one wins, the others get 409 and change nothing.
 */
async function writeBranding(actor: Actor, before: StoredReseller, expected: Record<string, unknown>, branding: NonNullable<StoredBranding>, changes: Record<string, { from: unknown; to: unknown }>) {
  const event = auditEventFor(actor, { action: 'reseller.branding_changed', target: { type: 'reseller', id: before._id, label: before.name }, resellerId: before._id, customerId: null, changes });
  const updated = await scoped(
    Reseller.findOneAndUpdate({ _id: before._id, ...expected }, { $set: { branding }, $inc: { revision: 1 }, ...pushAudit(event) }, { returnDocument: 'after' }),
    actor.scope,
  ).lean<StoredReseller>();
  if (!updated) throw stale();
  await settleAudit(actor, Reseller, updated as never);
  return updated;
}

const logoFacts = (b: StoredBranding) => (b?.logo ? `${b.logo.contentType}, ${b.logo.bytes} bytes` : null);

export async function updateBranding(actor: Actor, input: UpdateBranding): Promise<Branding> {
  brandingPolicy.authorize(actor.principal, 'branding.edit', undefined, forbidden);
  const before = await ownReseller(actor);
  const from = before.branding?.accentColor ?? null;
  if (from === input.accentColor) {
    if (before.revision !== input.revision) throw stale();
    return present(actor, before);
  }
  const updated = await writeBranding(actor, before, { revision: input.revision }, { accentColor: input.accentColor, logo: before.branding?.logo ?? null }, { accentColor: { from, to: input.accentColor } });
  return present(actor, updated);
}

/** What the bytes are, from their first bytes: the declared type must be the real one. */
function sniff(data: Buffer): BrandLogoType | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 12 && data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/**
 * A new logo: checked (a PNG, JPEG or WebP that is what it says, within the size limit), stored
 * as a document of its own, then pointed at by one conditional write; the logo it replaced is
 * deleted after. A refused write deletes the new bytes again, so the shown logo stays as it was.
 */
export async function uploadLogo(actor: Actor, input: UploadLogo): Promise<Branding> {
  brandingPolicy.authorize(actor.principal, 'branding.edit', undefined, forbidden);
  const data = Buffer.from(input.data, 'base64');
  if (data.length > BRAND_LOGO_MAX_BYTES) throw validationFailed({ data: `The logo must be at most ${BRAND_LOGO_MAX_BYTES / 1024} KB` });
  const actual = sniff(data);
  if (!actual) throw validationFailed({ data: 'This is not a PNG, JPEG or WebP image' });
  if (actual !== input.contentType) throw validationFailed({ contentType: `The file is a ${actual.slice(6).toUpperCase()} image, not ${input.contentType.slice(6).toUpperCase()}` });
  const before = await ownReseller(actor);
  if (before.revision !== input.revision) throw stale();

  const logo = scopedDoc(new ResellerLogo({ _id: new Types.ObjectId(), distributorId: actor.principal.distributorId, resellerId: before._id, contentType: actual, data }), actor.scope);
  await logo.save();
  const facts = { id: logo._id, contentType: actual, bytes: data.length, updatedAt: new Date() };
  try {
    const updated = await writeBranding(actor, before, { revision: input.revision }, { accentColor: before.branding?.accentColor ?? null, logo: facts }, { logo: { from: logoFacts(before.branding), to: logoFacts({ logo: facts }) } });
    if (before.branding?.logo) await scoped(ResellerLogo.deleteOne({ _id: before.branding.logo.id }), actor.scope);
    return present(actor, updated);
  } catch (err) {
    await scoped(ResellerLogo.deleteOne({ _id: logo._id }), actor.scope);
    throw err;
  }
}

/** Removes the logo shown now: conditional on it still being that one, so a racing upload is never lost. */
export async function removeLogo(actor: Actor, revision: number): Promise<Branding> {
  brandingPolicy.authorize(actor.principal, 'branding.edit', undefined, forbidden);
  const before = await ownReseller(actor);
  const logo = before.branding?.logo;
  if (!logo) return present(actor, before);
  if (before.revision !== revision) throw stale();
  const updated = await writeBranding(actor, before, { 'branding.logo.id': logo.id, revision }, { accentColor: before.branding?.accentColor ?? null, logo: null }, { logo: { from: logoFacts(before.branding), to: null } });
  await scoped(ResellerLogo.deleteOne({ _id: logo.id }), actor.scope);
  return present(actor, updated);
}

/** The logo's bytes and type, for the caller's own reseller only; 404 when it has none. */
export async function logoImage(actor: Actor): Promise<{ contentType: string; data: Buffer; updatedAt: Date }> {
  brandingPolicy.authorize(actor.principal, 'branding.read', undefined, forbidden);
  const reseller = await ownReseller(actor);
  const facts = reseller.branding?.logo;
  if (!facts) throw notFound('The logo');
  const logo = await scoped(ResellerLogo.findOne({ _id: facts.id }, { contentType: 1, data: 1 }), actor.scope).lean<{ contentType: string; data: Buffer | { buffer: Buffer } }>();
  if (!logo) throw notFound('The logo');
  const data = Buffer.isBuffer(logo.data) ? logo.data : Buffer.from((logo.data as { buffer: Uint8Array }).buffer);
  return { contentType: logo.contentType, data, updatedAt: facts.updatedAt };
}
