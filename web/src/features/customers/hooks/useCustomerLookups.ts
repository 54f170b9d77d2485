import { useResource } from '../../../api/useResource';
import { listAttributeDefinitions, listEmployees, listTagGroups } from '../api';

/** What the filters and editors choose from: tag groups, attribute definitions, employees. */
export function useCustomerLookups(slug: string) {
  const tagGroups = useResource((signal) => listTagGroups(slug, signal), [slug]);
  const definitions = useResource((signal) => listAttributeDefinitions(slug, signal), [slug]);
  // The employee list may be unavailable (no WeCom sync yet): the filter then takes typed ids.
  const employees = useResource((signal) => listEmployees(slug, signal), [slug]);
  return { tagGroups, definitions, employees };
}

export type CustomerLookups = ReturnType<typeof useCustomerLookups>;
