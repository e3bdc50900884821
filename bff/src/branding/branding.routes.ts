import { brandingSchema, removeLogoSchema, updateBrandingSchema, uploadLogoSchema } from '@app/shared';
import { defineRoute } from '../http/route.js';
import { brandingPolicy } from '../policies/branding.js';
import { getBranding, logoImage, removeLogo, updateBranding, uploadLogo } from './branding.service.js';

/** The storefront's branding, always the caller's own reseller's (no id: another tenant's cannot be named). */
export const brandingRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/branding',
    tag: 'branding',
    summary: "The caller's reseller's storefront branding: its name, accent colour and logo facts",
    access: 'session',
    roles: brandingPolicy.roles('branding.read'),
    success: { status: 200, description: 'The branding', schema: brandingSchema },
    handler: ({ actor }) => getBranding(actor),
  }),
  defineRoute({
    method: 'put',
    path: '/api/branding',
    tag: 'branding',
    summary: 'Set or clear the accent colour (#rrggbb, readable on white: contrast ≥ 4.5:1); `revision` must be the one the edit was made on',
    access: 'session',
    roles: brandingPolicy.roles('branding.edit'),
    body: updateBrandingSchema,
    success: { status: 200, description: 'The branding', schema: brandingSchema },
    errors: [409],
    handler: ({ actor, body }) => updateBranding(actor, body),
  }),
  defineRoute({
    method: 'put',
    path: '/api/branding/logo',
    tag: 'branding',
    summary: 'Upload the logo: a PNG, JPEG or WebP image (base64, at most 64 KB), checked to be what it says',
    access: 'session',
    roles: brandingPolicy.roles('branding.edit'),
    body: uploadLogoSchema,
    success: { status: 200, description: 'The branding', schema: brandingSchema },
    errors: [409],
    handler: ({ actor, body }) => uploadLogo(actor, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/branding/logo',
    tag: 'branding',
    summary: 'Remove the logo, on the revision it was decided on (removing none changes nothing)',
    access: 'session',
    roles: brandingPolicy.roles('branding.edit'),
    body: removeLogoSchema,
    success: { status: 200, description: 'The branding', schema: brandingSchema },
    errors: [409],
    handler: ({ actor, body }) => removeLogo(actor, body.revision),
  }),
  defineRoute({
    method: 'get',
    path: '/api/branding/logo',
    tag: 'branding',
    summary: "The logo image of the caller's reseller, with its stored type (never sniffed, never run)",
    access: 'session',
    roles: brandingPolicy.roles('branding.read'),
    success: { status: 200, description: 'The image', contentType: 'image/png' },
    async handler({ actor, res }) {
      const logo = await logoImage(actor);
      // The stored type was checked against the bytes at upload; the browser is told not to guess,
      // and the answer can run nothing even if opened on its own.
      res.set({
        'Content-Type': logo.contentType,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Content-Disposition': 'inline; filename="logo"',
        'Cache-Control': 'private, max-age=300',
        'Last-Modified': logo.updatedAt.toUTCString(),
      });
      res.status(200).end(logo.data);
    },
  }),
];
