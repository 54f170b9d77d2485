import { AppError } from '../../platform/http/errors.js';
import type { IdentityKindRegistry, IdentityKindSpec } from './identity-kind.js';
import type { PiiCodec } from './pii.js';

/** An identifier as a channel, the mall or an import reports it. */
export interface IdentityInput {
  kind: string;
  /** The corp id (wecom_external_userid) or appid (oa_openid, mp_openid); omit otherwise. */
  namespace?: string;
  value: string;
  /** Phones and emails: true when the platform verified them (getPhoneNumber, a mall login). */
  verified?: boolean;
}

/** An input that passed normalization: canonical value and its lookup key. */
export interface IdentityCandidate {
  spec: IdentityKindSpec;
  kind: string;
  namespace: string;
  value: string;
  valueKey: string;
  verified: boolean;
}

export interface BlockedIdentity {
  kind: string;
  namespace: string;
  reason: string;
}

export const identityKeyOf = (c: { kind: string; namespace: string; valueKey: string }) =>
  `${c.kind}\u0000${c.namespace}\u0000${c.valueKey}`;

/**
 * Validates, normalizes and de-duplicates identities. Junk and invalid values are blocked,
 * never stored; so are values beyond a kind's per-person limit within one set (one fact
 * cannot carry two unionids). Unknown kinds are a caller bug: a validation error.
 */
export function normalizeIdentities(
  kinds: IdentityKindRegistry,
  pii: PiiCodec,
  inputs: readonly IdentityInput[],
): { candidates: IdentityCandidate[]; blocked: BlockedIdentity[] } {
  const candidates = new Map<string, IdentityCandidate>();
  const blocked: BlockedIdentity[] = [];
  for (const input of inputs) {
    const spec = kinds.get(input.kind);
    if (!spec) {
      throw new AppError('validation_failed', `Unknown identity kind "${input.kind}"`, [
        {
          path: 'kind',
          message: `expected one of ${kinds
            .list()
            .map((k) => k.kind)
            .join(', ')}`,
        },
      ]);
    }
    const namespace = spec.namespace === 'none' ? '' : (input.namespace ?? '').trim();
    const block = (reason: string) => blocked.push({ kind: spec.kind, namespace, reason });
    if (spec.namespace === 'required' && namespace === '') {
      block('missing namespace');
      continue;
    }
    const junk = kinds.junkReason(spec, input.value);
    if (junk) {
      block(junk);
      continue;
    }
    const value = spec.normalize(input.value);
    if (value === null) {
      block(`not a valid ${spec.kind}`);
      continue;
    }
    if (kinds.blocksCanonical(spec, value)) {
      block('blocked value');
      continue;
    }
    const valueKey = spec.pii ? pii.hash(value) : value;
    const candidate: IdentityCandidate = {
      spec,
      kind: spec.kind,
      namespace,
      value,
      valueKey,
      verified: spec.alwaysVerified || input.verified === true,
    };
    const key = identityKeyOf(candidate);
    const seen = candidates.get(key);
    if (seen) {
      seen.verified ||= candidate.verified;
      continue;
    }
    const sameKind = [...candidates.values()].filter(
      (c) => c.kind === spec.kind && c.namespace === namespace,
    ).length;
    if (spec.maxPerPerson !== undefined && sameKind >= spec.maxPerPerson) {
      block(`more than ${spec.maxPerPerson} ${spec.kind} in one set`);
      continue;
    }
    candidates.set(key, candidate);
  }
  return { candidates: [...candidates.values()], blocked };
}

/** `unionid: at most 1 per person` (and `per wwcorp` for namespaced kinds). */
export function limitRule(spec: IdentityKindSpec, namespace: string): string {
  const scope = namespace === '' ? 'per person' : `per person in ${namespace}`;
  return `${spec.kind}: at most ${spec.maxPerPerson} ${scope}`;
}
