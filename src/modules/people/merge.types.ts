export interface MergeCauseIdentity {
  id: string | null;
  kind: string;
  namespace: string;
  value: string | null;
}

/** Why two persons were merged (JSON in `identity_merge.cause`). */
export interface MergeCause {
  /** `identity`: automatically, by an identity both held; `manual`: an operator merged them. */
  reason: 'identity' | 'manual';
  /**
   * The winner's identity that the incoming set shared (`value` sealed for personal kinds,
   * null once erased); `loserIdentity`: the loser's identity in the same set.
   */
  identity: MergeCauseIdentity | null;
  loserIdentity?: MergeCauseIdentity | null | undefined;
  /** Who reported the identities: `wecom`, `oa`, `mall`, `console`, … */
  source: string;
  /** The event that carried them, when known. */
  event?: { type: string; id?: string | undefined } | null | undefined;
  /** The conflict an operator resolved by merging. */
  conflictId?: string | undefined;
}

/** A value kept out of sight because the other person had one (attributes; sealed if personal). */
export interface ShadowedValue {
  homePersonId: string;
  valueText: string | null;
  valueNumber: number | null;
  updatedAt: number;
}

/** What a merge moved (JSON in `identity_merge.moved`): enough to explain and to undo it. */
export interface MergeMoved {
  /** Identity ids moved from the loser to the winner. */
  identities: string[];
  /** Tag links moved; `shadowed`: hidden because the winner already had the tag. */
  tags: { tagId: string; homePersonId: string; shadowed: boolean }[];
  /** Attribute values moved; `shadowed`: hidden because the winner's value is more recent. */
  attributes: { key: string; homePersonId: string; updatedAt: number; shadowed: boolean }[];
  /** Attributes both had: the most recent value is kept, the other remembered here. */
  attributeConflicts: { key: string; kept: 'winner' | 'loser'; other: ShadowedValue }[];
  /** Timeline events moved. */
  events: number;
  /** Empty profile fields of the winner filled from the loser. */
  profile: { displayName?: string; avatarUrl?: string };
  /** What each person-owned table of other modules moved, by table name. */
  hooks: Record<string, unknown>;
}
