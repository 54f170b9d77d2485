import { z } from 'zod';
import { defineEvent } from './envelope.js';

/**
 * Events Siyu raises about its own customers (source `siyu`): the WeCom sync pushes tag
 * changes with `mark_tag` (skipping those that came from WeCom, `source: 'wecom'`), journeys
 * trigger on them, caches of other modules follow merges.
 */
const id = z.string().min(1);

const personTagChange = z.object({
  personId: id,
  tagId: id,
  tagName: z.string(),
  groupId: id,
  /** Set for corp tags: what `mark_tag` needs. */
  wecomTagId: z.string().nullable(),
  /** How the change was made: `manual` (console/API), `wecom`, `rule`, `import`. */
  source: z.enum(['manual', 'wecom', 'rule', 'import']),
  /** Audit label of who made it. */
  by: z.string().nullable(),
});

export const personTagAddedEvent = defineEvent('person.tag_added', personTagChange);
export const personTagRemovedEvent = defineEvent('person.tag_removed', personTagChange);

/** `loserId` now resolves to `winnerId`; everything about the loser moved to the winner. */
export const personMergedEvent = defineEvent(
  'person.merged',
  z.object({ mergeId: id, winnerId: id, loserId: id }),
);

/** A merge was undone: `loserId` is a person of its own again. */
export const personUnmergedEvent = defineEvent(
  'person.unmerged',
  z.object({ mergeId: id, winnerId: id, loserId: id }),
);

/** The person's personal data was erased; drop any copy of it. */
export const personErasedEvent = defineEvent(
  'person.erased',
  z.object({ personId: id, personIds: z.array(id) }),
);

export const personEvents = [
  personTagAddedEvent,
  personTagRemovedEvent,
  personMergedEvent,
  personUnmergedEvent,
  personErasedEvent,
] as const;
