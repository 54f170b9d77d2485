/**
 * The people API's shapes, inferred from the server's Zod schemas (type-only: nothing of the
 * server is bundled).
 */
export type {
  AttributeDefinition,
  AttributeValue,
  PersonAttribute,
} from '../../../../src/modules/people/attribute.schemas';
import type {
  CustomerProfile,
  TimelineEvent,
} from '../../../../src/modules/people/customer.schemas';

export type {
  CustomerProfile,
  Identity,
  TimelineEvent,
} from '../../../../src/modules/people/customer.schemas';
export type {
  AttributeOp,
  CustomerFilter,
  CustomerListItem,
  CustomerPage,
  CustomerSearch,
  CustomerSort,
  CustomerSortField,
} from '../../../../src/modules/people/customer-list.schemas';
export type { Merge } from '../../../../src/modules/people/merge.schemas';
export type { PersonTag, Tag, TagGroup } from '../../../../src/modules/people/tag.schemas';

export interface TimelinePage {
  items: TimelineEvent[];
  nextCursor: string | null;
}

/** The profile's parts, as the console shows them. */
export type ProfileView = CustomerProfile;
export type ProfileFollower = CustomerProfile['followers'][number];
export type ProfileOaSubscription = CustomerProfile['oaSubscriptions'][number];
