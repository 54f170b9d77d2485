import { RouterProvider } from 'react-router';
import { SessionProvider } from '../features/auth/components/SessionProvider';
import { I18nProvider } from '../i18n';
import { AntdProvider } from './AntdProvider';
import { router } from './router';

export function App() {
  return (
    <I18nProvider>
      <AntdProvider>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntdProvider>
    </I18nProvider>
  );
}
