import { createBrowserRouter, Outlet } from 'react-router';
import type { Role } from '@app/shared';
import { AreaHome } from './routes/area-home';
import { RouteErrorBoundary } from './routes/error-page';
import { NotFoundPage } from './routes/not-found-page';
import { RequireArea, RootRedirect } from './routes/require-area';

const area = (role: Role, children: { path: string; lazy: () => Promise<{ Component: React.ComponentType }> }[] = []) => ({
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
      area('distributor'),
      area('reseller'),
      area('storefront'),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
