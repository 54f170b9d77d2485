import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { DomainEvent } from '../../events/index.js';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto.js';
import type { EventBus } from '../../platform/event-bus/event-bus.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import type { Logger } from '../../platform/log.js';
import type { PlatformClients } from '../connections/platform-clients.js';

/** What the employees services need; one per app, built by `registerEmployeesModule`. */
export interface EmployeesContext {
  db: Kysely<Database>;
  clock: Clock;
  /** Seals employees' mobile numbers (PII). */
  secretBox: SecretBox;
  /** The WeCom client of each workspace's connection (directory reads). */
  clients: PlatformClients;
  /** Schedules the periodic re-sync; absent, a sync schedules nothing. */
  jobs?: JobQueue;
  bus?: EventBus<DomainEvent>;
  logger?: Logger;
}

/** What `syncDirectory` needs (other modules can call it with their own context). */
export type DirectorySyncContext = Pick<
  EmployeesContext,
  'db' | 'clock' | 'secretBox' | 'clients' | 'jobs'
>;
