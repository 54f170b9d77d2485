import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { FullPageSpin, RequireSession } from '../features/auth/components/RequireSession';
import { useT } from '../i18n';
import { HomeRedirect } from './HomeRedirect';
import { NotFoundPage } from './NotFoundPage';
import { RequirePermission } from './RequirePermission';
import { WorkspaceRoute } from './WorkspaceRoute';

const LoginPage = lazy(() =>
  import('../features/auth/components/LoginPage').then((m) => ({ default: m.LoginPage })),
);
const DashboardPage = lazy(() =>
  import('../features/dashboard/components/DashboardPage').then((m) => ({
    default: m.DashboardPage,
  })),
);
const UsersPage = lazy(() =>
  import('../features/users/components/UsersPage').then((m) => ({ default: m.UsersPage })),
);

const CustomersPage = lazy(() =>
  import('../features/customers/components/CustomersPage').then((m) => ({
    default: m.CustomersPage,
  })),
);
const CustomerProfilePage = lazy(() =>
  import('../features/customers/components/CustomerProfilePage').then((m) => ({
    default: m.CustomerProfilePage,
  })),
);
const ConnectionsPage = lazy(() =>
  import('../features/connections/components/ConnectionsPage').then((m) => ({
    default: m.ConnectionsPage,
  })),
);
const DoctorPage = lazy(() =>
  import('../features/doctor/components/DoctorPage').then((m) => ({ default: m.DoctorPage })),
);
const SandboxPage = lazy(() =>
  import('../features/sandbox/components/SandboxPage').then((m) => ({ default: m.SandboxPage })),
);

const IdentityReviewPage = lazy(() =>
  import('../features/identity-review/components/IdentityReviewPage').then((m) => ({
    default: m.IdentityReviewPage,
  })),
);
const MergePage = lazy(() =>
  import('../features/identity-review/components/MergePage').then((m) => ({
    default: m.MergePage,
  })),
);
const LossAlertsPage = lazy(() =>
  import('../features/loss-alerts/components/LossAlertsPage').then((m) => ({
    default: m.LossAlertsPage,
  })),
);
const EmployeesPage = lazy(() =>
  import('../features/employees/components/EmployeesPage').then((m) => ({
    default: m.EmployeesPage,
  })),
);
const ImportPage = lazy(() =>
  import('../features/import/components/ImportPage').then((m) => ({ default: m.ImportPage })),
);

function Loading({ children }: { children: ReactNode }) {
  const t = useT();
  return <Suspense fallback={<FullPageSpin label={t('common.loading')} />}>{children}</Suspense>;
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Loading>
        <LoginPage />
      </Loading>
    ),
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <HomeRedirect />
      </RequireSession>
    ),
  },
  {
    path: '/w/:slug',
    element: (
      <RequireSession>
        <WorkspaceRoute />
      </RequireSession>
    ),
    children: [
      {
        index: true,
        element: (
          <Loading>
            <DashboardPage />
          </Loading>
        ),
      },
      {
        path: 'customers',
        element: (
          <Loading>
            <RequirePermission permission="customers.read">
              <CustomersPage />
            </RequirePermission>
          </Loading>
        ),
      },
      {
        path: 'customers/:personId',
        element: (
          <Loading>
            <RequirePermission permission="customers.read">
              <CustomerProfilePage />
            </RequirePermission>
          </Loading>
        ),
      },
      {
        path: 'settings/users',
        element: (
          <Loading>
            <RequirePermission permission="users.read">
              <UsersPage />
            </RequirePermission>
          </Loading>
        ),
      },
      {
        path: 'settings/connections',
        element: (
          <Loading>
            <RequirePermission permission="workspace.read">
              <ConnectionsPage />
            </RequirePermission>
          </Loading>
        ),
      },
      {
        path: 'settings/doctor',
        element: (
          <Loading>
            <RequirePermission permission="connections.manage">
              <DoctorPage />
            </RequirePermission>
          </Loading>
        ),
      },
      {
        path: 'sandbox',
        element: (
          <Loading>
            <RequirePermission permission="workspace.read">
              <SandboxPage />
            </RequirePermission>
          </Loading>
        ),
      },
      {
        path: 'identity-review',
        element: (
          <Loading>
            <RequirePermission permission="customers.read">
              <IdentityReviewPage />
            </RequirePermission>
          </Loading>
        ),
      },
      {
        path: 'identity-review/merges/:mergeId',
        element: (
          <Loading>
            <RequirePermission permission="customers.read">
              <MergePage />
            </RequirePermission>
          </Loading>
        ),
      },
      {
        path: 'loss-alerts',
        element: (
          <Loading>
            <RequirePermission permission="customers.read">
              <LossAlertsPage />
            </RequirePermission>
          </Loading>
        ),
      },
      {
        path: 'settings/employees',
        element: (
          <Loading>
            <RequirePermission permission="workspace.read">
              <EmployeesPage />
            </RequirePermission>
          </Loading>
        ),
      },
      {
        path: 'settings/import',
        element: (
          <Loading>
            <RequirePermission permission="customers.read">
              <ImportPage />
            </RequirePermission>
          </Loading>
        ),
      },
      { path: '*', element: <NotFoundPage home=".." /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);
