import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../database.js';
import { newJobRow } from '../../../platform/jobs/job-row.js';
import { dispatchJobKeyPrefix, type DispatchPayload } from './callback-dispatch.js';
import { InboxBatch, type InboxItem, type IntakeOutcome } from './inbox-batch.js';

/**
 * Stores a batch of callbacks on PostgreSQL in ONE statement, which is its own transaction:
 * the inbox rows and the dispatch jobs `InboxBatch` describes, each job naming only the
 * callbacks actually stored (a re-delivery is not) and written only when it names one. A
 * BEGIN, two inserts and a COMMIT were four round trips, each waiting its turn on the busy
 * HTTP thread: at 1,000 callbacks/s such a transaction took ~5 ms where the database spent ~1.7.
 * A prepared statement: planning it took as long as running it (~0.35 ms each).
 */
export async function storeOnPostgres(
  db: Kysely<Database>,
  items: readonly InboxItem[],
): Promise<{ outcomes: IntakeOutcome[]; queuedJobs: number }> {
  const batch = new InboxBatch(items);
  const now = items[0]!.receivedAt;
  // The jobs as if every callback were new; the statement keeps, of each job's callbacks, those
  // stored (in arrival order: the ids of one batch increase), and derives its key from them.
  const jobs = batch.dispatchJobs(batch.rows.map((row) => row.outcome)).map((job) => {
    const { key: _key, payload: _payload, ...row } = newJobRow(job, now, undefined);
    const { channel, appId, ids } = job.payload as DispatchPayload;
    return { ...row, channel, app_id: appId, candidate_ids: ids };
  });
  const { rows } = await sql<{
    id: string;
    queued: number | string;
  }>`/* prepared:siyu_callback_intake */
    with added as (
      insert into inbound_callback
        (id, workspace_id, connection_id, dedup_key, topic, plaintext, outcome, received_at)
      select * from jsonb_to_recordset(${JSON.stringify(batch.rows)}::jsonb) as r(
        id text, workspace_id text, connection_id text, dedup_key text, topic text,
        plaintext text, outcome text, received_at bigint)
      on conflict (workspace_id, dedup_key) do nothing
      returning id
    ), job as (
      select j.*, (
        select jsonb_agg(a.id order by a.id) from added a
        where a.id in (select jsonb_array_elements_text(j.candidate_ids))) as ids
      from jsonb_to_recordset(${JSON.stringify(jobs)}::jsonb) as j(
        id text, workspace_id text, queue text, status text, run_at bigint, attempts integer,
        max_attempts integer, created_at bigint, updated_at bigint, channel text, app_id text,
        candidate_ids jsonb)
    ), queued as (
      insert into jobs (id, workspace_id, queue, key, payload, status, run_at, attempts,
        max_attempts, created_at, updated_at)
      select id, workspace_id, queue, ${dispatchJobKeyPrefix} || (ids ->> 0),
        jsonb_build_object('channel', channel, 'appId', app_id, 'ids', ids)::text, status,
        run_at, attempts, max_attempts, created_at, updated_at
      from job where ids is not null
      on conflict (key) do nothing
      returning 1
    )
    select id, (select count(*) from queued) as queued from added`.execute(db);
  return {
    outcomes: batch.outcomes(new Set(rows.map((row) => row.id))),
    queuedJobs: Number(rows[0]?.queued ?? 0),
  };
}
