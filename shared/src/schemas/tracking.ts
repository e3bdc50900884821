import { z } from 'zod';

/**
 * Carriers whose tracking pages we can link to. The number goes in the URL encoded; a carrier not
 * listed is `other`: its number is shown without a link.
 */
export const CARRIERS = {
  ups: { name: 'UPS', url: 'https://www.ups.com/track?tracknum=' },
  fedex: { name: 'FedEx', url: 'https://www.fedex.com/fedextrack/?trknbr=' },
  dhl: { name: 'DHL', url: 'https://www.dhl.com/global-en/home/tracking.html?tracking-id=' },
  usps: { name: 'USPS', url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=' },
  royal_mail: { name: 'Royal Mail', url: 'https://www.royalmail.com/track-your-item#/tracking-results/' },
  dpd: { name: 'DPD', url: 'https://tracking.dpd.de/status/en_US/parcel/' },
  gls: { name: 'GLS', url: 'https://gls-group.com/track/' },
  other: { name: 'Other carrier', url: null },
} as const satisfies Record<string, { name: string; url: string | null }>;
export type Carrier = keyof typeof CARRIERS;
export const carrierSchema = z.enum(Object.keys(CARRIERS) as [Carrier, ...Carrier[]]).meta({ id: 'Carrier' });

/** The tracking page of a parcel, where the carrier has one we know. */
export function trackingUrl(carrier: Carrier, number: string): string | null {
  const base = CARRIERS[carrier].url;
  return base === null ? null : `${base}${encodeURIComponent(number)}`;
}

/** A tracking number as stored and searched: upper case, without spaces or dashes. */
export const normaliseTrackingNumber = (number: string) => number.toUpperCase().replace(/[\s-]/g, '');

export const addTrackingSchema = z
  .object({
    carrier: carrierSchema,
    number: z
      .string({ error: 'Tracking number is required' })
      .trim()
      .min(1, 'Tracking number is required')
      .max(40, 'A tracking number must be at most 40 characters')
      .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, 'Use letters, digits, spaces and dashes only'),
  })
  .meta({ id: 'AddTracking' });
export type AddTracking = z.infer<typeof addTrackingSchema>;

export const trackingEntrySchema = z
  .object({ carrier: carrierSchema, carrierName: z.string(), number: z.string(), url: z.string().nullable(), addedAt: z.iso.datetime() })
  .meta({ id: 'TrackingEntry' });
export type TrackingEntry = z.infer<typeof trackingEntrySchema>;

/** A parcel to take off an order: the order, and its tracking number as stored (normalised). */
export const trackingParamsSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{24}$/),
    number: z.string().regex(/^[A-Za-z0-9-]{1,40}$/).transform(normaliseTrackingNumber),
  })
  .meta({ id: 'TrackingParams' });
