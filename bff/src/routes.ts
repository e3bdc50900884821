import { auditEventRoutes } from './audit-log/audit-event.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { brandingRoutes } from './branding/branding.routes.js';
import { passwordSetupRoutes } from './auth/password-setup.routes.js';
import { customerBulkRoutes } from './customer-bulk/customer-bulk.routes.js';
import { customerImportRoutes } from './customer-imports/customer-import.routes.js';
import { customerRoutes } from './customers/customer.routes.js';
import { customerNoteRoutes } from './customer-notes/customer-note.routes.js';
import { customerAddressRoutes } from './customers/customer-address.routes.js';
import { deliveryRoutes } from './deliveries/delivery.routes.js';
import { healthRoutes } from './health/health.routes.js';
import type { AppDeps } from './deps.js';
import type { RouteSpec } from './http/route.js';
import { defineRoute } from './http/route.js';
import { devMailboxEnabled, devMailRoutes } from './mail/dev-mail.routes.js';
import { buildOpenApiDocument } from './openapi/openapi.js';
import { orderRoutes } from './orders/order.routes.js';
import { invoiceRoutes } from './invoices/invoice.routes.js';
import { creditSettingsRoutes } from './invoices/credit-settings.routes.js';
import { overviewRoutes } from './overview/overview.routes.js';
import { priceLevelRoutes } from './price-levels/price-level.routes.js';
import { profileRoutes } from './profile/profile.routes.js';
import { resellerRoutes } from './reseller-management/reseller.routes.js';
import { ssoRoutes } from './sso/sso.routes.js';
import { storefrontUserRoutes } from './storefront-users/storefront-user.routes.js';
import { webhookRoutes } from './webhooks/webhook.routes.js';
import { viewAsRoutes } from './view-as/view-as.routes.js';

/**
 * Every route of the BFF for this configuration: app.ts mounts it, OpenAPI documents it, and the
 * tenancy matrix walks it. The development mailbox exists only without SMTP, outside production, and
 * on a loopback HOST unless DEV_MAILBOX=1.
 */
export function buildRoutes(config: Parameters<typeof devMailboxEnabled>[0]): RouteSpec<AppDeps>[] {
  const routes: RouteSpec<AppDeps>[] = [
    ...healthRoutes,
    ...authRoutes,
    ...profileRoutes,
    ...brandingRoutes,
    ...passwordSetupRoutes,
    ...overviewRoutes,
    ...resellerRoutes,
    ...priceLevelRoutes,
    ...customerBulkRoutes,
    ...customerImportRoutes,
    ...customerRoutes,
    ...customerNoteRoutes,
    ...customerAddressRoutes,
    ...ssoRoutes,
    ...viewAsRoutes,
    ...storefrontUserRoutes,
    ...orderRoutes,
    ...invoiceRoutes,
    ...creditSettingsRoutes,
    ...auditEventRoutes,
    ...deliveryRoutes,
    ...webhookRoutes,
    ...(devMailboxEnabled(config) ? devMailRoutes : []),
  ];
  routes.push(
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      tag: 'operations',
      summary: 'This document',
      access: 'public',
      success: { status: 200, description: 'OpenAPI 3.1 document', contentType: 'application/json' },
      handler: async ({ res }) => {
        res.json(buildOpenApiDocument(routes));
      },
    }),
  );
  return routes;
}
