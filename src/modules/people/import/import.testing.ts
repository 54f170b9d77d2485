/** Test helpers for the WeCom import: what the sandbox holds, what Siyu imported, step control. */
import { expect } from 'vitest';
import type { SandboxedTestApp } from '../../../testing/sandboxed-app.js';
import type { Client } from '../../workspace/workspace.testing.js';
import type { ImportRun } from './import-run.schemas.js';
import { importQueue } from './import.jobs.js';

export interface FollowFacts {
  employee: string;
  external: string;
  remark: string | null;
  state: string | null;
  tagIds: string[];
}

const byKey = (a: FollowFacts, b: FollowFacts) =>
  `${a.employee} ${a.external}`.localeCompare(`${b.employee} ${b.external}`);

/** The sandbox corp's follows of customer-contact employees, as Siyu should hold them. */
export function sandboxFollows(t: SandboxedTestApp): FollowFacts[] {
  const corp = Object.values(t.sandbox.sandbox.state.corps)[0]!;
  const contactEmployees = new Set(
    Object.values(corp.employees)
      .filter((e) => e.customerContact && e.status === 1)
      .map((e) => e.userid),
  );
  return Object.values(corp.follows)
    .flatMap((byUser) => Object.values(byUser))
    .filter((f) => contactEmployees.has(f.userid))
    .map((f) => ({
      employee: f.userid,
      external: f.external_userid,
      remark: f.remark || null,
      state: f.state || null,
      tagIds: [...f.tag_id].sort(),
    }))
    .sort(byKey);
}

export function sandboxUnionids(t: SandboxedTestApp): Map<string, string> {
  const corp = Object.values(t.sandbox.sandbox.state.corps)[0]!;
  return new Map(
    Object.values(t.sandbox.sandbox.state.users).map((u) => [
      u.externalUserIds[corp.corpid]!,
      u.unionid,
    ]),
  );
}

export async function importedFollows(t: SandboxedTestApp): Promise<FollowFacts[]> {
  const rows = await t.database.db
    .selectFrom('follow')
    .selectAll()
    .where('workspace_id', '=', t.workspace.id)
    .execute();
  return rows
    .map((r) => ({
      employee: r.employee_user_id,
      external: r.external_user_id,
      remark: r.remark,
      state: r.state,
      tagIds: (JSON.parse(r.wecom_tag_ids) as string[]).sort(),
    }))
    .sort(byKey);
}

/** Everything the sandbox holds is in Siyu once, each customer one person with their unionid. */
export async function expectEverythingImported(t: SandboxedTestApp): Promise<void> {
  const expected = sandboxFollows(t);
  expect(await importedFollows(t)).toEqual(expected);
  const db = t.database.db;
  const identities = await db
    .selectFrom('identity')
    .innerJoin('person', 'person.id', 'identity.person_id')
    .select(['identity.kind', 'identity.value', 'identity.person_id'])
    .where('identity.workspace_id', '=', t.workspace.id)
    .where('person.merged_into', 'is', null)
    .execute();
  const personOf = new Map<string, string>();
  const unionidOf = new Map<string, string>();
  for (const i of identities) {
    if (i.kind === 'wecom_external_userid') {
      expect(personOf.has(i.value)).toBe(false);
      personOf.set(i.value, i.person_id);
    }
    if (i.kind === 'unionid') unionidOf.set(i.person_id, i.value);
  }
  const externals = [...new Set(expected.map((f) => f.external))];
  expect(externals.every((e) => personOf.has(e))).toBe(true);
  expect(new Set(externals.map((e) => personOf.get(e))).size).toBe(externals.length);
  const unionids = sandboxUnionids(t);
  for (const e of externals) expect(unionidOf.get(personOf.get(e)!)).toBe(unionids.get(e));
}

export async function startImport(client: Client, slug = 'default') {
  const res = await client.inject({ method: 'POST', url: `/api/workspaces/${slug}/imports/wecom` });
  return { status: res.statusCode, run: res.json() as ImportRun };
}

export async function getRun(client: Client, runId: string, slug = 'default'): Promise<ImportRun> {
  const res = await client.inject({
    method: 'GET',
    url: `/api/workspaces/${slug}/imports/${runId}`,
  });
  expect(res.statusCode).toBe(200);
  return res.json() as ImportRun;
}

/** The run's next step job (pending), as a worker would find it. */
export async function nextStepJob(t: SandboxedTestApp, runId: string) {
  const jobs = await t.database.db
    .selectFrom('jobs')
    .selectAll()
    .where('queue', '=', importQueue)
    .where('status', 'in', ['pending', 'running'])
    .execute();
  return jobs.find((j) => (JSON.parse(j.payload) as { runId: string }).runId === runId);
}

/** Runs the run's next step here, like one worker poll; resolves with the job's outcome. */
export async function runNextStep(t: SandboxedTestApp, runId: string) {
  const job = await nextStepJob(t, runId);
  if (!job) throw new Error('no pending import step');
  return t.jobs.dispatchNow(job.id);
}
