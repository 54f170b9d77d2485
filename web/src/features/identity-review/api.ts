import { api, segment } from '../../api/client';

export type ConflictStatus = 'open' | 'resolved' | 'dismissed';
/** `limit`: one would hold two ids of a kind allowed once; `unverified`: an unverified phone or
 * email matched; `unmerged`: an operator undid their merge before. */
export type ConflictReason = 'limit' | 'unverified' | 'unmerged';

/** An identity as the server shows it (personal values masked without customers.pii). */
export interface ShownIdentity {
  id?: string | null;
  kind: string;
  namespace: string;
  value: string | null;
}

/** A would-be merge held for review (src/modules/people/merge.schemas.ts). */
export interface IdentityConflict {
  id: string;
  personAId: string;
  personBId: string;
  /** Who the two are now (after later merges); null if erased. */
  livePersonAId: string | null;
  livePersonBId: string | null;
  kind: string;
  namespace: string;
  value: string | null;
  reason: ConflictReason;
  rule: string;
  status: ConflictStatus;
  source: string;
  occurrences: number;
  createdAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  mergeId: string | null;
}

export interface Merge {
  id: string;
  winnerPersonId: string;
  loserPersonId: string;
  /** One sentence from the server: why the two were merged. */
  summary: string;
  cause: {
    reason: 'identity' | 'manual';
    identity: ShownIdentity | null;
    loserIdentity: ShownIdentity | null;
    source: string;
    event: { type: string; id?: string } | null;
    conflictId: string | null;
  };
  moved: {
    identities: ShownIdentity[];
    tags: { tagId: string; name: string | null; shadowed: boolean }[];
    attributes: { key: string; shadowed: boolean }[];
    attributeConflicts: {
      key: string;
      kept: 'winner' | 'loser';
      otherValue: string | number | boolean | null;
      otherUpdatedAt: string;
    }[];
    events: number;
  };
  mergedBy: string;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

/** The part of a customer profile the review shows beside a conflict. */
export interface PersonSummary {
  id: string;
  displayName: string | null;
  avatarUrl: string | null;
  createdAt: string;
  erasedAt: string | null;
  identities: (ShownIdentity & { verified: boolean })[];
  tags: { tagId: string; name: string }[];
}

export interface ConflictPage {
  items: IdentityConflict[];
  nextCursor: string | null;
}

const base = (slug: string) => `/api/workspaces/${segment(slug)}`;

export const listConflicts = (
  slug: string,
  query: { status: ConflictStatus; before?: string | null },
  signal?: AbortSignal,
) => {
  const params = new URLSearchParams({ status: query.status, limit: '20' });
  if (query.before) params.set('before', query.before);
  return api.get<ConflictPage>(`${base(slug)}/identity-conflicts?${params}`, { signal });
};

export const resolveConflict = (slug: string, conflictId: string, action: 'merge' | 'dismiss') =>
  api.post<IdentityConflict>(`${base(slug)}/identity-conflicts/${segment(conflictId)}/resolve`, {
    action,
  });

export const getPerson = (slug: string, personId: string, signal?: AbortSignal) =>
  api.get<PersonSummary>(`${base(slug)}/customers/${segment(personId)}`, { signal });

export const getMerge = (slug: string, mergeId: string, signal?: AbortSignal) =>
  api.get<Merge>(`${base(slug)}/merges/${segment(mergeId)}`, { signal });

export const undoMerge = (slug: string, mergeId: string) =>
  api.post<Merge>(`${base(slug)}/merges/${segment(mergeId)}/undo`);
