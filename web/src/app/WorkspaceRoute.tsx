import { useParams } from 'react-router';
import { MainLayout } from '../features/shell/components/MainLayout';
import { WorkspaceProvider } from '../features/workspace/components/WorkspaceProvider';

/** `/w/:slug/*`: the workspace of the URL inside the console frame. */
export function WorkspaceRoute() {
  const { slug = '' } = useParams();
  return (
    <WorkspaceProvider key={slug} slug={slug}>
      <MainLayout />
    </WorkspaceProvider>
  );
}
