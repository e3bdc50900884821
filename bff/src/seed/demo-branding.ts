import type { Types } from 'mongoose';
import { demoId } from './demo-ids.js';

/** Cashmere Cloud Partners' logo: a 64×64 PNG cloud, so the buyer's storefront shows the branding. */
const CASHMERE_LOGO_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAAAz0lEQVR42u3bwRFAQBBE0Q3CXUbykYOzdLm5UNiyZntmfldtAP0OKHQpLzJO8+bxlC/xWroJRrTyVQhRy79CiF7+FiFL+UuEbOVPCABkBsha/kAAAAAAAAAAAABkzlPCAtQmDMDXuAZoFZcAreMK4K/IAVhHAqB3ugIopBuAUswB1GIKoBgAADACUA0AACQGMH0QAsB5+XC3wdQA3V6IAAAAAAAAkBmAj6MAAABASoBhXaQOAAAAwEWQP8bZCwDAbojlGNtB1qPsh1mSV5TeAVLKoplsEqf5AAAAAElFTkSuQmCC';

/**
 * The demo's storefront branding: Cashmere Cloud Partners (Blue Harbor's reseller) has set an
 * accent colour and a logo; the other resellers keep the defaults.
 */
export function demoBranding(now: Date, distributorId: Types.ObjectId) {
  const resellerId = demoId('reseller:cash');
  const logoId = demoId('reseller-logo:cash');
  const data = Buffer.from(CASHMERE_LOGO_PNG, 'base64');
  return {
    resellerId,
    branding: { accentColor: '#1f4e79', logo: { id: logoId, contentType: 'image/png', bytes: data.length, updatedAt: now } },
    logo: { _id: logoId, distributorId, resellerId, contentType: 'image/png', data, createdAt: now, updatedAt: now },
  };
}
