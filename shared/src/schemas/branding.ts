import { z } from 'zod';

/**
 * A reseller's storefront branding: an accent colour and a small logo its customers' storefront
 * header wears. The logo is uploaded (never a URL the buyers' browsers would fetch from elsewhere),
 * stored with the reseller and served by an authenticated route of its own tenant.
 */
export const BRAND_LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type BrandLogoType = (typeof BRAND_LOGO_TYPES)[number];
/** Decoded size limit: a header logo, not a photo (and the base64 fits the API's 100 kB body limit). */
export const BRAND_LOGO_MAX_BYTES = 64 * 1024;
/** WCAG AA for normal text: the accent is used as text and as a background for white text. */
export const BRAND_MIN_CONTRAST = 4.5;

const channel = (hex: string, at: number) => {
  const c = parseInt(hex.slice(at, at + 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const luminance = (hex: string) => 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
/** The WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const accentColorSchema = z
  .string({ error: 'Enter a colour as #RRGGBB' })
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Enter a colour as #RRGGBB, e.g. #1f4e79')
  .transform((c) => c.toLowerCase())
  .refine((c) => contrastRatio(c, '#ffffff') >= BRAND_MIN_CONTRAST, {
    message: `Too light to read on white (and white on it): choose a darker colour, with a contrast of at least ${BRAND_MIN_CONTRAST}:1`,
  });

export const brandingSchema = z
  .object({
    resellerName: z.string(),
    accentColor: z.string().nullable(),
    /** The logo's facts; the image itself is GET /api/branding/logo (`v` = updatedAt for caching). */
    logo: z.object({ contentType: z.enum(BRAND_LOGO_TYPES), bytes: z.number().int(), updatedAt: z.iso.datetime() }).nullable(),
    /** Whether the caller may change it (the reseller's staff). */
    canEdit: z.boolean(),
    revision: z.number().int(),
  })
  .meta({ id: 'Branding' });
export type Branding = z.infer<typeof brandingSchema>;

const revisionSchema = z.number({ error: 'revision is required' }).int().min(1);

/** Removing the logo names the revision it was decided on: a logo changed meanwhile is not removed unseen. */
export const removeLogoSchema = z.object({ revision: revisionSchema }).meta({ id: 'RemoveLogo' });
export type RemoveLogo = z.infer<typeof removeLogoSchema>;

export const updateBrandingSchema = z.object({ accentColor: accentColorSchema.nullable(), revision: revisionSchema }).meta({ id: 'UpdateBranding' });
export type UpdateBranding = z.infer<typeof updateBrandingSchema>;

export const uploadLogoSchema = z
  .object({
    contentType: z.enum(BRAND_LOGO_TYPES, { error: 'The logo must be a PNG, JPEG or WebP image' }),
    /** The image, base64. */
    data: z
      .string({ error: 'Choose an image' })
      .min(1, 'Choose an image')
      .max(Math.ceil(BRAND_LOGO_MAX_BYTES / 3) * 4, `The logo must be at most ${BRAND_LOGO_MAX_BYTES / 1024} KB`)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'The image could not be read'),
    revision: revisionSchema,
  })
  .meta({ id: 'UploadLogo' });
export type UploadLogo = z.infer<typeof uploadLogoSchema>;
