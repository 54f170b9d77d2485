import { homeKeyedTable, type PersonOwnedRegistry } from './person-owned.js';

/** Follows, OA subscriptions and loss alerts move with merges and go with erasure. */
export function registerRelationTables(registry: PersonOwnedRegistry): void {
  registry.register(homeKeyedTable({ name: 'people.follow', table: 'follow' }));
  registry.register(homeKeyedTable({ name: 'people.oa_subscription', table: 'oa_subscription' }));
  registry.register(homeKeyedTable({ name: 'people.loss_alert', table: 'loss_alert' }));
}
