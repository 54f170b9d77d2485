import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { newId } from '../../platform/ids.js';
import { systemActor } from '../workspace/actor.js';
import { upsertConflict } from './conflict.store.js';
import { automaticMergeProblem, identityCounter } from './identity.limits.js';
import { identityKeyOf, limitRule, type IdentityCandidate } from './identity.normalize.js';
import { findIdentitiesByKeys, insertIdentities, updateIdentity } from './identity.store.js';
import { mergePersons } from './merge.service.js';
import type { IdentityResolution, ResolveOptions } from './identity.service.js';
import type { PeopleContext } from './people.context.js';
import type { ConflictReason, IdentityRow, PersonRow } from './person.table.js';
import { insertPerson, isPostgres, lockPersons, updatePerson } from './person.store.js';

type Db = Kysely<Database>;

const lastSeenPrecisionMs = 60_000;

interface Match {
  candidate: IdentityCandidate;
  row: IdentityRow;
  /** The match links the incoming set to the row's person. */
  strong: boolean;
}

type Outcome = Omit<IdentityResolution, 'blocked'>;

/** One attempt at resolving a set of identities (see resolveIdentities). */
export class Resolution {
  private readonly mergeIds: string[] = [];
  private readonly conflictIds: string[] = [];

  constructor(
    private readonly trx: Db,
    private readonly ctx: PeopleContext,
    private readonly workspaceId: string,
    private readonly options: ResolveOptions,
  ) {}

  /** One attempt; undefined when a concurrent writer got in the way. */
  async run(candidates: IdentityCandidate[]): Promise<Outcome | undefined> {
    const rows = await findIdentitiesByKeys(this.trx, this.workspaceId, candidates);
    const personIds = [...new Set(rows.map((r) => r.person_id))];
    const persons = await lockPersons(this.trx, this.workspaceId, personIds);
    if (persons.length !== personIds.length || persons.some((p) => p.merged_into || p.erased_at)) {
      return undefined;
    }
    if (isPostgres(this.trx) && rows.length > 0) {
      const again = await findIdentitiesByKeys(this.trx, this.workspaceId, candidates);
      const moved =
        again.length !== rows.length || again.some((r) => !personIds.includes(r.person_id));
      if (moved) return undefined;
    }
    const byKey = new Map(rows.map((r) => [identityKeyOf({ ...r, valueKey: r.value_key }), r]));
    const matches: Match[] = [];
    const fresh: IdentityCandidate[] = [];
    for (const candidate of candidates) {
      const row = byKey.get(identityKeyOf(candidate));
      if (!row) fresh.push(candidate);
      else matches.push({ candidate, row, strong: links(candidate, row) });
    }
    let strongPersons = persons.filter((p) =>
      matches.some((m) => m.strong && m.row.person_id === p.id),
    );
    if (strongPersons.length === 0 && persons.length === 1 && fresh.length > 0) {
      // A person known only by unverified phones/emails (a lead) takes the new identities
      // that come with them: attaching to a lone person merges nobody.
      if (await this.isLone(persons[0]!.id)) {
        for (const m of matches) m.strong = true;
        strongPersons = persons;
      }
    }
    if (strongPersons.length > 0) return this.intoExisting(strongPersons, matches, fresh);
    if (fresh.length > 0) {
      const created = await this.createPerson(fresh);
      if (!created) return undefined;
      for (const m of matches)
        await this.conflictWith(created, m.row.person_id, m.row, 'unverified');
      return this.outcome(created, created, true);
    }
    // Only unverified phones/emails, all stored already: find their (oldest) holder.
    const target = persons[0]!;
    return this.finish(target, new Set([target.id]), matches, false);
  }

  private async intoExisting(
    strongPersons: PersonRow[],
    matches: Match[],
    fresh: IdentityCandidate[],
  ): Promise<Outcome | undefined> {
    const target = strongPersons[0]!;
    const absorbed = new Set([target.id]);
    for (const other of strongPersons.slice(1)) {
      const link = matches.find((m) => m.strong && m.row.person_id === other.id)!.row;
      const shared = matches.find((m) => m.strong && absorbed.has(m.row.person_id))!.row;
      const problem = await automaticMergeProblem(
        this.trx,
        this.ctx,
        this.workspaceId,
        target.id,
        other.id,
      );
      if (problem) {
        await this.conflictWith(target.id, other.id, link, problem.reason, problem.rule);
        continue;
      }
      this.mergeIds.push(
        await mergePersons(this.trx, this.ctx, {
          workspaceId: this.workspaceId,
          winnerId: target.id,
          loserId: other.id,
          cause: {
            reason: 'identity',
            identity: causeIdentity(shared),
            loserIdentity: causeIdentity(link),
            source: this.options.source,
            event: this.options.event ?? null,
          },
          by: systemActor,
        }),
      );
      absorbed.add(other.id);
    }
    const [into, group] = this.sideOf(strongPersons, absorbed, matches);
    return this.attach(into, group, matches, fresh);
  }

  /**
   * Where the set goes when a merge was refused: to the side holding its highest-ranked
   * identity (kinds rank in the registry's order: unionid, external_userid, openids, member id,
   * phone, email), as in Segment's identity resolution. So a set carrying a WeChat user's
   * unionid and another person's phone stays with the WeChat user. Ties stay with the oldest.
   */
  private sideOf(
    strongPersons: PersonRow[],
    absorbed: Set<string>,
    matches: Match[],
  ): [PersonRow, Set<string>] {
    const kinds = this.ctx.identityKinds.list().map((k) => k.kind);
    const rank = (side: Set<string>) =>
      Math.min(
        ...matches
          .filter((m) => m.strong && side.has(m.row.person_id))
          .map((m) => kinds.indexOf(m.candidate.kind)),
      );
    let side: [PersonRow, Set<string>] = [strongPersons[0]!, absorbed];
    let best = rank(absorbed);
    for (const person of strongPersons) {
      if (absorbed.has(person.id)) continue;
      const alone = new Set([person.id]);
      const r = rank(alone);
      if (r < best) [side, best] = [[person, alone], r];
    }
    return side;
  }

  private async attach(
    target: PersonRow,
    absorbed: Set<string>,
    matches: Match[],
    fresh: IdentityCandidate[],
  ): Promise<Outcome | undefined> {
    const onTarget = matches.filter((m) => m.strong && absorbed.has(m.row.person_id));
    const home =
      onTarget.find((m) => m.row.home_person_id === target.id)?.row.home_person_id ??
      onTarget[0]!.row.home_person_id;
    const attach: IdentityCandidate[] = [];
    const overflow: IdentityCandidate[] = [];
    const limited = fresh.some((c) => c.spec.maxPerPerson !== undefined);
    const counter = limited
      ? await identityCounter(this.trx, this.workspaceId, target.id)
      : undefined;
    for (const c of fresh) {
      const max = c.spec.maxPerPerson;
      if (max !== undefined && counter!.count(c.kind, c.namespace) >= max) overflow.push(c);
      else {
        attach.push(c);
        counter?.add(c.kind, c.namespace);
      }
    }
    if (!(await this.insert(target.id, home, attach))) return undefined;
    if (overflow.length > 0) {
      const other = await this.createPerson(overflow);
      if (!other) return undefined;
      const c = overflow[0]!;
      await this.conflictWith(
        target.id,
        other,
        onTarget[0]!.row,
        'limit',
        limitRule(c.spec, c.namespace),
      );
    }
    return this.finish(target, absorbed, matches, false, home);
  }

  /** Updates what the matches on the target say, records conflicts for the others. */
  private async finish(
    target: PersonRow,
    absorbed: Set<string>,
    matches: Match[],
    created: boolean,
    home?: string,
  ): Promise<Outcome> {
    const at = this.options.occurredAt;
    for (const { candidate, row, strong } of matches) {
      if (!absorbed.has(row.person_id)) {
        // Strong links not merged already have their conflict (a limit, an undone merge).
        if (!strong) await this.conflictWith(target.id, row.person_id, row, 'unverified');
        continue;
      }
      const changes: Parameters<typeof updateIdentity>[3] = {};
      if (at < row.first_seen_at) changes.first_seen_at = at;
      // Kept to the minute: resolving a known identity is then a read, not a write.
      if (at > row.last_seen_at + lastSeenPrecisionMs) changes.last_seen_at = at;
      if (candidate.verified && row.verified === 0) changes.verified = 1;
      if (Object.keys(changes).length > 0) {
        await updateIdentity(this.trx, this.workspaceId, row.id, changes);
      }
    }
    const profile = this.options.profile;
    const fill = {
      ...(profile?.displayName && target.display_name === null
        ? { display_name: profile.displayName }
        : {}),
      ...(profile?.avatarUrl && target.avatar_url === null
        ? { avatar_url: profile.avatarUrl }
        : {}),
    };
    if (Object.keys(fill).length > 0) {
      await updatePerson(this.trx, this.workspaceId, target.id, {
        ...fill,
        updated_at: this.ctx.clock.now(),
      });
    }
    const homeId =
      home ?? matches.find((m) => m.row.person_id === target.id)?.row.home_person_id ?? target.id;
    return this.outcome(target.id, homeId, created);
  }

  private outcome(personId: string, homePersonId: string, created: boolean): Outcome {
    return {
      personId,
      homePersonId,
      created,
      mergeIds: this.mergeIds,
      conflictIds: this.conflictIds,
    };
  }

  /** True when the person has no verified identity (platform ids are always verified). */
  private async isLone(personId: string): Promise<boolean> {
    const verified = await this.trx
      .selectFrom('identity')
      .select('id')
      .where('workspace_id', '=', this.workspaceId)
      .where('person_id', '=', personId)
      .where('verified', '=', 1)
      .limit(1)
      .executeTakeFirst();
    return verified === undefined;
  }

  /** A new person holding these identities; undefined on a race (the attempt rolls back). */
  private async createPerson(candidates: IdentityCandidate[]): Promise<string | undefined> {
    const now = this.ctx.clock.now();
    const id = newId(now);
    await insertPerson(this.trx, {
      id,
      workspace_id: this.workspaceId,
      display_name: this.options.profile?.displayName ?? null,
      avatar_url: this.options.profile?.avatarUrl ?? null,
      added_at: this.options.addedAt ?? null,
      created_at: now,
      updated_at: now,
      merged_into: null,
      erased_at: null,
    });
    return (await this.insert(id, id, candidates)) ? id : undefined;
  }

  /** Stores identities on a person; false when some value was stored meanwhile by another. */
  private async insert(personId: string, home: string, candidates: IdentityCandidate[]) {
    const at = this.options.occurredAt;
    const rows = candidates.map((c) => ({
      id: newId(this.ctx.clock.now()),
      workspace_id: this.workspaceId,
      person_id: personId,
      home_person_id: home,
      kind: c.kind,
      namespace: c.namespace,
      value: c.spec.pii ? this.ctx.pii.seal(c.value) : c.value,
      value_key: c.valueKey,
      verified: c.verified ? (1 as const) : (0 as const),
      source: this.options.source,
      first_seen_at: at,
      last_seen_at: at,
    }));
    const stored = await insertIdentities(this.trx, rows);
    return stored.length === rows.length;
  }

  private async conflictWith(
    a: string,
    b: string,
    link: IdentityRow,
    reason: ConflictReason,
    rule = `${link.kind}: links persons only when verified on both sides`,
  ): Promise<void> {
    if (a === b) return;
    const [first, second] = a < b ? [a, b] : [b, a];
    const at = this.ctx.clock.now();
    this.conflictIds.push(
      await upsertConflict(this.trx, {
        id: newId(at),
        workspace_id: this.workspaceId,
        person_a_id: first,
        person_b_id: second,
        kind: link.kind,
        namespace: link.namespace,
        value: link.value,
        value_key: link.value_key,
        reason,
        rule,
        source: this.options.source,
        created_at: at,
      }),
    );
  }
}

const causeIdentity = (row: IdentityRow) => ({
  id: row.id,
  kind: row.kind,
  namespace: row.namespace,
  value: row.value,
});

/** Does sharing this identity make the two one person? */
function links(candidate: IdentityCandidate, row: IdentityRow): boolean {
  switch (candidate.spec.links) {
    case 'always':
      return true;
    case 'verified':
      return candidate.verified && row.verified === 1;
    case 'never':
      return false;
  }
}
