import type { PeopleContext } from './people.context.js';

/**
 * An identity value as a caller may see it: personal kinds (stored sealed) are opened and
 * masked unless `reveal` (the caller has customers.pii); other kinds are shown as they are.
 */
export function displayIdentityValue(
  ctx: Pick<PeopleContext, 'identityKinds' | 'pii'>,
  kind: string,
  stored: string | null,
  reveal: boolean,
): string | null {
  if (stored === null) return null;
  const spec = ctx.identityKinds.get(kind);
  if (!spec) return '***';
  if (!spec.pii) return stored;
  const plain = ctx.pii.open(stored);
  return reveal ? plain : spec.mask(plain);
}
