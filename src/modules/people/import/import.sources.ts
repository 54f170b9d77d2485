import type { Kysely } from 'kysely';
import type {
  ExternalContact,
  FollowInfo,
} from '../../../channels/wecom/client/external-contact.mapping.js';
import type { Database } from '../../../database.js';
import type { Clock } from '../../../platform/clock.js';
import type { JobQueue } from '../../../platform/jobs/job-queue.js';
import type { PlatformClients } from '../../connections/platform-clients.js';
import type { ImportCounts, ImportStepLimits } from './import-run.state.js';
import type { PagePrefetcher } from './import.prefetch.js';

/** One row of batch/get_by_user: a customer and one employee's relation to them. */
export interface ImportedContact {
  contact: ExternalContact;
  followInfo: FollowInfo;
}

/**
 * What the import calls to write each phase; the other modules own the writing (employees,
 * corp tags, follows), the import only drives them with cursors.
 */
export interface WecomImportSources {
  /** Syncs the corp's departments and employees; resolves with how many employees. */
  syncEmployees(workspaceId: string): Promise<number>;
  /** Pulls the corp tag groups and tags; resolves with how many tags. */
  pullCorpTags(workspaceId: string): Promise<number>;
  /** Writes one page of customers in the import's transaction (idempotent upserts). */
  writeContacts(
    trx: Kysely<Database>,
    input: { workspaceId: string; corpId: string; items: ImportedContact[] },
  ): Promise<WrittenCounts>;
}

/** What writing customers adds to a run's counts. */
export type WrittenCounts = Pick<ImportCounts, 'follows' | 'personsCreated' | 'merged'>;

export interface ImportDeps {
  db: Kysely<Database>;
  clock: Clock;
  jobs: JobQueue;
  clients: PlatformClients;
  sources: WecomImportSources;
  /** Fetches the next step's pages of customers while a step writes its own (this process only). */
  prefetch?: PagePrefetcher;
  /**
   * Writes the pages fetched ahead as soon as they arrive, in a transaction of their own, while
   * the step before is still writing: for databases with concurrent writers (PostgreSQL).
   */
  writeAhead?: boolean;
  /** When a contacts step stops taking pages; default `importStepLimits`. */
  stepLimits?: ImportStepLimits;
}
