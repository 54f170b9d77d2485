import { maskEmail } from './pii.js';
import { maskPhone, normalizePhone } from './phone.js';

/**
 * What Siyu knows about one kind of identifier. The `identity.kind` column is free text:
 * channels for other platforms register their kinds here (`douyin_openid`, …) instead of
 * altering a table.
 */
export interface IdentityKindSpec {
  kind: string;
  /** `required`: a corp id or appid qualifies the value; `none`: always ''. */
  namespace: 'none' | 'optional' | 'required';
  /** Personal data: sealed at rest, keyed hash for lookups, masked in responses. */
  pii: boolean;
  /**
   * Whether sharing the identifier makes two persons one: `always` for ids a platform
   * issues; `verified` when both sides are verified (phones, emails); `never` for hints.
   */
  links: 'always' | 'verified' | 'never';
  /** At most this many per person and namespace; a merge that would exceed it is a conflict. */
  maxPerPerson?: number;
  /** Ids a platform issues are verified by nature. */
  alwaysVerified: boolean;
  /** The canonical form, or null when the value is not valid for the kind. */
  normalize(raw: string): string | null;
  mask(value: string): string;
  /** Keep values made of one repeated digit (`11`, `222`: real auto-increment member ids). */
  allowRepeatedDigits?: boolean;
}

const opaque = (raw: string) => {
  const value = raw.trim();
  return value.length > 0 && value.length <= 256 && !/\s/.test(value) ? value : null;
};

const platformId = (
  kind: string,
  namespace: IdentityKindSpec['namespace'],
  maxPerPerson?: number,
): IdentityKindSpec => ({
  kind,
  namespace,
  pii: false,
  links: 'always',
  maxPerPerson,
  alwaysVerified: true,
  normalize: opaque,
  mask: (value) => value,
});

export const builtInIdentityKinds: readonly IdentityKindSpec[] = [
  platformId('unionid', 'none', 1),
  platformId('wecom_external_userid', 'required', 1),
  platformId('oa_openid', 'required', 1),
  platformId('mp_openid', 'required', 1),
  { ...platformId('member_id', 'optional'), allowRepeatedDigits: true },
  {
    kind: 'phone',
    namespace: 'none',
    pii: true,
    links: 'verified',
    alwaysVerified: false,
    normalize: normalizePhone,
    mask: maskPhone,
  },
  {
    kind: 'email',
    namespace: 'none',
    pii: true,
    links: 'verified',
    alwaysVerified: false,
    normalize: (raw) => {
      const email = raw.trim().toLowerCase();
      return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
    },
    mask: maskEmail,
  },
];

/** Values that mean "no value" in every system that ever exported one. */
export const defaultJunkValues = [
  '',
  '0',
  '-1',
  'null',
  'undefined',
  'none',
  'nil',
  'nan',
  'n/a',
  'na',
  'unknown',
  'anonymous',
  'test',
  '[object object]',
];

const kindPattern = /^[a-z][a-z0-9_]{1,40}$/;

/** The identity kinds of an app and the values blocked as junk (never stored, never linked). */
export class IdentityKindRegistry {
  private readonly kinds = new Map<string, IdentityKindSpec>();
  private readonly junk = new Map<string, Set<string>>([['*', new Set(defaultJunkValues)]]);

  constructor(kinds: readonly IdentityKindSpec[] = builtInIdentityKinds) {
    for (const spec of kinds) this.register(spec);
  }

  register(spec: IdentityKindSpec): void {
    if (!kindPattern.test(spec.kind)) throw new Error(`Bad identity kind name "${spec.kind}"`);
    if (this.kinds.has(spec.kind)) throw new Error(`Identity kind ${spec.kind} is registered`);
    this.kinds.set(spec.kind, spec);
  }

  get(kind: string): IdentityKindSpec | undefined {
    return this.kinds.get(kind);
  }

  list(): IdentityKindSpec[] {
    return [...this.kinds.values()];
  }

  /**
   * Blocks more values for one kind or for all (`*`), compared trimmed and case-insensitively;
   * for one kind also in the kind's canonical form, so that `13900000000` blocked as a phone
   * blocks `+86 139-0000-0000` too.
   */
  blockValues(values: readonly string[], kind = '*'): void {
    const set = this.junk.get(kind) ?? new Set<string>();
    const spec = this.kinds.get(kind);
    for (const value of values) {
      set.add(value.trim().toLowerCase());
      const canonical = spec?.normalize(value);
      if (canonical) set.add(canonical.toLowerCase());
    }
    this.junk.set(kind, set);
  }

  /** Why a value is junk for a kind, or null when it is usable. */
  junkReason(spec: IdentityKindSpec, raw: string): string | null {
    const folded = raw.trim().toLowerCase();
    if (folded === '') return 'empty';
    if (this.isBlocked(spec, folded)) return 'blocked value';
    if (!spec.allowRepeatedDigits && /^(\d)\1+$/.test(folded)) return 'one repeated digit';
    return null;
  }

  /** Whether a value in the kind's canonical form was blocked (see blockValues). */
  blocksCanonical(spec: IdentityKindSpec, value: string): boolean {
    return this.isBlocked(spec, value.toLowerCase());
  }

  private isBlocked(spec: IdentityKindSpec, folded: string): boolean {
    return (
      this.junk.get('*')?.has(folded) === true || this.junk.get(spec.kind)?.has(folded) === true
    );
  }
}
