import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { DomainEvent } from '../../events/index.js';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto.js';
import type { EventBus } from '../../platform/event-bus/event-bus.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { PlatformClients } from '../connections/platform-clients.js';
import { IdentityKindRegistry } from './identity-kind.js';
import { PersonOwnedRegistry } from './person-owned.js';
import { PiiCodec } from './pii.js';
import { registerRelationTables } from './relations.owned.js';
import { SqlTimelineStore, type TimelineStore } from './timeline.store.js';

/** What the people services need; one per app, built by `registerPeopleModule`. */
export interface PeopleContext {
  db: Kysely<Database>;
  clock: Clock;
  pii: PiiCodec;
  bus: EventBus<DomainEvent>;
  /** Durable jobs (the WeCom tag sync enqueues pulls and pushes in the caller's transaction). */
  jobs: JobQueue;
  /** Identity kinds and junk values; channels for other platforms register kinds here. */
  identityKinds: IdentityKindRegistry;
  /** Other modules' per-person tables, moved by merges and unmerges, erased with the person. */
  personOwned: PersonOwnedRegistry;
  timeline: TimelineStore;
  /** WeChat API clients of the workspace's connections (sync, imports, user info). */
  clients: PlatformClients;
}

export interface PeopleDeps {
  db: Kysely<Database>;
  clock: Clock;
  secretBox: SecretBox;
  bus: EventBus<DomainEvent>;
  jobs: JobQueue;
  clients?: PlatformClients;
}

export function createPeopleContext(
  deps: PeopleDeps,
  overrides: Partial<Pick<PeopleContext, 'identityKinds' | 'personOwned' | 'timeline'>> = {},
): PeopleContext {
  let personOwned = overrides.personOwned;
  if (!personOwned) {
    personOwned = new PersonOwnedRegistry();
    registerRelationTables(personOwned);
  }
  return {
    db: deps.db,
    clock: deps.clock,
    pii: new PiiCodec(deps.secretBox),
    bus: deps.bus,
    jobs: deps.jobs,
    identityKinds: overrides.identityKinds ?? new IdentityKindRegistry(),
    personOwned,
    timeline: overrides.timeline ?? new SqlTimelineStore(deps.db),
    clients: deps.clients ?? new PlatformClients({ db: deps.db, secretBox: deps.secretBox }),
  };
}
