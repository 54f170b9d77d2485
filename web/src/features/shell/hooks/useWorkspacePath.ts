import { useLocation, useParams } from 'react-router';

/** Builds links inside the current workspace and tells which page of it is open. */
export function useWorkspacePath() {
  const { slug = '' } = useParams();
  const { pathname } = useLocation();
  const base = `/w/${encodeURIComponent(slug)}`;
  const subPath = pathname.startsWith(base)
    ? pathname.slice(base.length).replace(/^\/+|\/+$/g, '')
    : '';
  return {
    slug,
    subPath,
    to: (path: string) => (path ? `${base}/${path}` : base),
    /** The same page in another workspace. */
    inWorkspace: (otherSlug: string) =>
      `/w/${encodeURIComponent(otherSlug)}${subPath ? `/${subPath}` : ''}`,
  };
}
