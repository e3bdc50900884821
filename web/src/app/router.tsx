import { lazy } from 'react';
import { createBrowserRouter, Outlet, ScrollRestoration } from 'react-router';
import type { Principal, Role } from '@app/shared';
import { AREA_SEGMENTS, paths } from '@/lib/paths';
import { rememberedView } from '@/lib/remembered-view';
import { AreaHome } from './routes/area-home';
import { RouteErrorBoundary } from './routes/error-page';
import { NotFoundPage } from './routes/not-found-page';
import { RequireArea, RootRedirect } from './routes/require-area';

// The storefront's layout carries the cart and the catalogue's parts: staff never load them.
const StorefrontLayout = lazy(async () => ({ default: (await import('./layout/storefront-layout')).StorefrontLayout }));

type Lazy = () => Promise<{ Component: React.ComponentType }>;
/**
 * A grid page's grid (AG Grid, the largest chunk) starts downloading with the page's own chunk,
 * not after the page has rendered and asked for it: one round trip less before the rows show.
 * A failure here is the lazy component's to report when it asks again.
 */
const withGrid = (page: Lazy, grid: () => Promise<unknown>): Lazy => () => {
  grid().catch(() => {});
  return page();
};
const customersPage: Lazy = withGrid(async () => ({ Component: (await import('./routes/customer-routes')).CustomersRoute }), () => import('@/features/customers/components/customer-grid'));
const customerRecord: Lazy = async () => ({ Component: (await import('./routes/customer-routes')).CustomerRecordRoute });
const orderPage: Lazy = async () => ({ Component: (await import('./routes/order-routes')).OrderRoute });
const approvals: Lazy = async () => ({ Component: (await import('./routes/order-routes')).ApprovalsRoute });
const ordersGrid = () => import('@/features/orders/components/orders-grid');
const inProgress: Lazy = withGrid(async () => ({ Component: (await import('./routes/order-routes')).InProgressRoute }), ordersGrid);
const resellerOrders: Lazy = withGrid(async () => ({ Component: (await import('./routes/order-routes')).OrdersRoute }), ordersGrid);
const myOrders: Lazy = withGrid(async () => ({ Component: (await import('./routes/order-routes')).MyOrdersRoute }), ordersGrid);
const auditLog: Lazy = withGrid(async () => ({ Component: (await import('./routes/audit-routes')).AuditLogRoute }), () => import('@/features/audit/components/audit-grid'));
const resellersPage: Lazy = withGrid(async () => ({ Component: (await import('./routes/reseller-routes')).ResellersRoute }), () => import('@/features/resellers/components/reseller-grid'));
const resellerPage: Lazy = async () => ({ Component: (await import('./routes/reseller-routes')).ResellerRoute });
const priceLevels: Lazy = async () => ({ Component: (await import('./routes/price-level-routes')).PriceLevelsRoute });
const profilePage: Lazy = async () => ({ Component: (await import('./routes/profile-route')).ProfileRoute });
const webhooks: Lazy = async () => ({ Component: (await import('./routes/webhook-routes')).WebhooksRoute });
const branding: Lazy = async () => ({ Component: (await import('./routes/branding-route')).BrandingRoute });
const creditSettings: Lazy = async () => ({ Component: (await import('./routes/credit-settings-route')).CreditSettingsRoute });
const invoicesPage: Lazy = async () => ({ Component: (await import('./routes/invoice-routes')).InvoicesRoute });
const companyUsers: Lazy = async () => ({ Component: (await import('./routes/storefront-routes')).CompanyUsersRoute });
const cataloguePage: Lazy = async () => ({ Component: (await import('./routes/storefront-routes')).CatalogueRoute });

const area = (role: Role, children: { path: string; lazy: Lazy }[] = [], layout?: React.ComponentType<{ principal: Principal }>) => ({
  path: paths.area(role),
  element: <RequireArea role={role} layout={layout} />,
  children: [{ index: true, element: <AreaHome /> }, ...children, { path: AREA_SEGMENTS.profile, lazy: profilePage }, { path: '*', element: <NotFoundPage /> }],
});

/**
 * The page's scroll comes back on back/forward; a list whose view is remembered (the customer
 * grid) gets it back by its path, so its navigation link and the record's back link return there too.
 */
const scrollKey = (location: { pathname: string; key: string }) => (rememberedView(location.pathname) ? location.pathname : location.key);

export const router = createBrowserRouter([
  {
    element: (
      <>
        <ScrollRestoration getKey={scrollKey} />
        <Outlet />
      </>
    ),
    errorElement: <RouteErrorBoundary />,
    // Pages load lazily: while the first one loads, show nothing rather than have the router warn.
    HydrateFallback: () => null,
    children: [
      { path: paths.root, element: <RootRedirect /> },
      { path: paths.signIn, lazy: async () => ({ Component: (await import('@/features/auth/components/sign-in-page')).SignInPage }) },
      { path: paths.activate, lazy: async () => ({ Component: (await import('@/features/auth/components/set-password-page')).ActivatePage }) },
      { path: paths.resetPassword, lazy: async () => ({ Component: (await import('@/features/auth/components/set-password-page')).ResetPasswordPage }) },
      { path: paths.forgotPassword, lazy: async () => ({ Component: (await import('@/features/auth/components/forgot-password-page')).ForgotPasswordPage }) },
      { path: paths.devMail, lazy: async () => ({ Component: (await import('@/features/dev-mail')).DevMailPage }) },
      area('distributor', [
        { path: AREA_SEGMENTS.resellers, lazy: resellersPage },
        { path: AREA_SEGMENTS.reseller, lazy: resellerPage },
        { path: AREA_SEGMENTS.customers, lazy: customersPage },
        { path: AREA_SEGMENTS.customer, lazy: customerRecord },
        { path: AREA_SEGMENTS.ordersInProgress, lazy: inProgress },
        { path: AREA_SEGMENTS.order, lazy: orderPage },
        { path: AREA_SEGMENTS.auditLog, lazy: auditLog },
        { path: AREA_SEGMENTS.webhooks, lazy: webhooks },
        { path: AREA_SEGMENTS.invoices, lazy: invoicesPage },
      ]),
      area('reseller', [
        { path: AREA_SEGMENTS.customers, lazy: customersPage },
        { path: AREA_SEGMENTS.customer, lazy: customerRecord },
        { path: AREA_SEGMENTS.orders, lazy: resellerOrders },
        { path: AREA_SEGMENTS.approvals, lazy: approvals },
        { path: AREA_SEGMENTS.priceLevels, lazy: priceLevels },
        { path: AREA_SEGMENTS.customerImports, lazy: async () => ({ Component: (await import('./routes/customer-import-routes')).CustomerImportsRoute }) },
        { path: AREA_SEGMENTS.customerImport, lazy: async () => ({ Component: (await import('./routes/customer-import-routes')).CustomerImportRoute }) },
        { path: AREA_SEGMENTS.order, lazy: orderPage },
        { path: AREA_SEGMENTS.auditLog, lazy: auditLog },
        { path: AREA_SEGMENTS.webhooks, lazy: webhooks },
        { path: AREA_SEGMENTS.branding, lazy: branding },
        { path: AREA_SEGMENTS.creditSettings, lazy: creditSettings },
        { path: AREA_SEGMENTS.invoices, lazy: invoicesPage },
      ]),
      area(
        'storefront',
        [
          { path: AREA_SEGMENTS.catalogue, lazy: cataloguePage },
          { path: AREA_SEGMENTS.orders, lazy: myOrders },
          { path: AREA_SEGMENTS.order, lazy: orderPage },
          { path: AREA_SEGMENTS.approvals, lazy: approvals },
          { path: AREA_SEGMENTS.companyUsers, lazy: companyUsers },
          { path: AREA_SEGMENTS.invoices, lazy: invoicesPage },
        ],
        StorefrontLayout,
      ),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
