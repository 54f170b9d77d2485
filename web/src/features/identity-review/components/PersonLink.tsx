import { Link } from 'react-router';
import { useResource } from '../../../api/useResource';
import { useT } from '../../../i18n';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import { getPerson } from '../api';

/** A link to a customer's profile, by name (by id while loading, or while merged into another). */
export function PersonLink({ slug, personId }: { slug: string; personId: string }) {
  const t = useT();
  const { to } = useWorkspacePath();
  const person = useResource(
    (signal) => getPerson(slug, personId, signal).catch(() => null),
    [slug, personId],
  );
  // A merged-away id answers with the person it is merged into: keep showing the id then.
  const own = person.data?.id === personId ? person.data : null;
  const name = own ? own.displayName || t('identityReview.unnamed') : personId;
  return <Link to={to(`customers/${encodeURIComponent(personId)}`)}>{name}</Link>;
}
