import type { AttributeDefinitionTable, PersonAttributeTable } from './attribute.table.js';
import type {
  IdentityConflictTable,
  IdentityMergeTable,
  IdentityTable,
  PersonTable,
} from './person.table.js';
import type { RelationsTables } from './relations.table.js';
import type { PersonTagTable, TagGroupTable, TagTable } from './tag.table.js';
import type { PersonEventTable } from './timeline.table.js';

/** Tables owned by the people module. */
export interface PeopleTables extends RelationsTables {
  person: PersonTable;
  identity: IdentityTable;
  identity_merge: IdentityMergeTable;
  identity_conflict: IdentityConflictTable;
  tag_group: TagGroupTable;
  tag: TagTable;
  person_tag: PersonTagTable;
  attribute_definition: AttributeDefinitionTable;
  person_attribute: PersonAttributeTable;
  person_event: PersonEventTable;
}
