import { createBrowserRouter, Outlet } from 'react-router';
import type { Role } from '@app/shared';
import { AreaHome } from './routes/area-home';
import { RouteErrorBoundary } from './routes/error-page';
import { NotFoundPage } from './routes/not-found-page';
import { RequireArea, RootRedirect } from './routes/require-area';

type Lazy = () => Promise<{ Component: React.ComponentType }>;
const customersPage: Lazy = async () => ({ Component: (await import('./routes/customer-routes')).CustomersRoute });
const customerRecord: Lazy = async () => ({ Component: (await import('./routes/customer-routes')).CustomerRecordRoute });

const area = (role: Role, children: { path: string; lazy: Lazy }[] = []) => ({
  path: `/${role}`,
  element: <RequireArea role={role} />,
  children: [{ index: true, element: <AreaHome /> }, ...children, { path: '*', element: <NotFoundPage /> }],
});

export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { path: '/', element: <RootRedirect /> },
      { path: '/sign-in', lazy: async () => ({ Component: (await import('@/features/auth/components/sign-in-page')).SignInPage }) },
      { path: '/activate', lazy: async () => ({ Component: (await import('@/features/auth/components/set-password-page')).ActivatePage }) },
      { path: '/reset-password', lazy: async () => ({ Component: (await import('@/features/auth/components/set-password-page')).ResetPasswordPage }) },
      { path: '/forgot-password', lazy: async () => ({ Component: (await import('@/features/auth/components/forgot-password-page')).ForgotPasswordPage }) },
      { path: '/dev/mail', lazy: async () => ({ Component: (await import('@/features/dev-mail')).DevMailPage }) },
      area('distributor', [
        { path: 'customers', lazy: customersPage },
        { path: 'customers/:customerId', lazy: customerRecord },
      ]),
      area('reseller', [
        { path: 'customers', lazy: customersPage },
        { path: 'customers/:customerId', lazy: customerRecord },
      ]),
      area('storefront'),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
