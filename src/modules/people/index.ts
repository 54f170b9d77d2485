/**
 * The people module's public API: what other modules (WeCom sync, acquisition, journeys,
 * commerce, import, the console) call. They never touch the module's tables directly.
 * See README.md beside this file.
 */
export { registerPeopleModule } from './people.module.js';
export type { PeopleContext } from './people.context.js';

// Identity graph
export { resolveIdentities } from './identity.service.js';
export { resolveIdentitiesMany } from './identity.batch.js';
export type { ResolveRequest } from './identity.batch.js';
export type { IdentityResolution, ResolveOptions } from './identity.service.js';
export type { IdentityInput, BlockedIdentity } from './identity.normalize.js';
export { findPersonByIdentity } from './identity.lookup.js';
export { IdentityKindRegistry, builtInIdentityKinds } from './identity-kind.js';
export type { IdentityKindSpec } from './identity-kind.js';
export { normalizePhone, maskPhone } from './phone.js';
export { resolvePersonId, personTree } from './person.store.js';
export { requirePerson, updatePersonProfile } from './person.service.js';

// Merges
export { mergePersons } from './merge.service.js';
export { undoMerge } from './unmerge.service.js';
export { explainMerge, mergeHistory } from './merge.explain.js';
export { homeKeyedTable, PersonOwnedRegistry } from './person-owned.js';
export type { PersonOwnedTable, MergeStep, UnmergeStep, ErasureStep } from './person-owned.js';

// Tags, attributes, timeline
export { changePersonTags } from './person-tag.service.js';
export { createTag, createTagGroup, listTagGroups } from './tag.service.js';
export { pullCorpTags } from './wecom-tags.pull.js';
export { reconcilePersonWecomTags } from './wecom-tags.reconcile.js';
export { setPersonAttributes } from './person-attribute.service.js';
export { recordPersonEvents, listTimeline } from './timeline.service.js';
export type { PersonEventInput } from './timeline.service.js';
export type { TimelineStore, PersonEvent } from './timeline.store.js';

// Customer list, scope, profile, export
export { searchCustomers, countCustomers } from './customer-list.service.js';
export type { CustomerFilter, CustomerSearch, CustomerPage } from './customer-list.schemas.js';
export { customerScopeOf, requireVisiblePerson } from './customer-scope.js';
export type { CustomerScope } from './customer-scope.js';
export { loadCustomerProfile } from './customer-profile.service.js';
export { exportCustomers } from './customer-export.service.js';

// Personal data
export { exportPerson } from './privacy.export.js';
export { erasePerson, nonPersonalPropertyKeys } from './privacy.erase.js';
