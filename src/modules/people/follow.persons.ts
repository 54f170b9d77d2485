import type { Kysely } from 'kysely';
import type { ExternalContact } from '../../channels/wecom/client/external-contact.mapping.js';
import type { Database } from '../../database.js';
import { resolveIdentitiesMany } from './identity.batch.js';
import type { IdentityInput } from './identity.normalize.js';
import type { PeopleContext } from './people.context.js';

type Db = Kysely<Database>;

/** Who a WeCom customer is: the live person and the home to record their events for. */
export interface ContactPerson {
  personId: string;
  homePersonId: string;
  created: boolean;
  /** Merges the resolution made (a unionid known on another person). */
  merges: number;
}

export interface ContactResolveOptions {
  source: string;
  occurredAt: number;
  event?: { type: string; id?: string };
}

/** A customer to find the person of; `addedAt` becomes a new person's (its earliest follow). */
export interface ContactToResolve {
  contact: ExternalContact;
  addedAt: number | null;
}

/** The identities a WeCom customer carries: external_userid (namespace: the corp) and unionid. */
export function contactIdentities(
  corpId: string,
  contact: Pick<ExternalContact, 'externalUserId' | 'unionId'>,
): IdentityInput[] {
  return [
    { kind: 'wecom_external_userid', namespace: corpId, value: contact.externalUserId },
    ...(contact.unionId ? [{ kind: 'unionid', value: contact.unionId }] : []),
  ];
}

/**
 * Finds (or creates) the person of each customer of a page, by external_userid and unionid,
 * in a few queries (`resolveIdentitiesMany`: known and new customers in bulk; merges, such
 * as a unionid known on an Official Account person, one by one). Keyed by external user id;
 * customers whose external_userid is junk are left out.
 */
export async function resolveContactPersons(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  corpId: string,
  contacts: readonly ContactToResolve[],
  options: ContactResolveOptions,
): Promise<Map<string, ContactPerson>> {
  const resolutions = await resolveIdentitiesMany(
    trx,
    ctx,
    workspaceId,
    contacts.map(({ contact, addedAt }) => ({
      identities: contactIdentities(corpId, contact),
      options: { ...options, profile: profileOf(contact), addedAt },
    })),
  );
  const result = new Map<string, ContactPerson>();
  resolutions.forEach((resolution, i) => {
    const { contact } = contacts[i]!;
    const externalBlocked = resolution.blocked.some((b) => b.kind === 'wecom_external_userid');
    if (!resolution.personId || !resolution.homePersonId || externalBlocked) return;
    result.set(contact.externalUserId, {
      personId: resolution.personId,
      homePersonId: resolution.homePersonId,
      created: resolution.created,
      merges: resolution.mergeIds.length,
    });
  });
  return result;
}

/** The name and avatar a customer shows in WeCom (empty ones left out). */
export function profileOf(contact: Pick<ExternalContact, 'name' | 'avatarUrl'>): {
  displayName?: string;
  avatarUrl?: string;
} {
  return {
    ...(contact.name.trim() !== '' ? { displayName: contact.name.trim() } : {}),
    ...(contact.avatarUrl ? { avatarUrl: contact.avatarUrl } : {}),
  };
}
