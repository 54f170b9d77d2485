import { useT, type MessageKey } from '../../../i18n';

const kinds: Record<string, MessageKey> = {
  unionid: 'customers.kind.unionid',
  wecom_external_userid: 'customers.kind.wecom_external_userid',
  oa_openid: 'customers.kind.oa_openid',
  mp_openid: 'customers.kind.mp_openid',
  member_id: 'customers.kind.member_id',
  phone: 'customers.kind.phone',
  email: 'customers.kind.email',
};

/** The name of an identity kind; kinds registered by other channels show as stored. */
export function useIdentityKindLabel(): (kind: string) => string {
  const t = useT();
  return (kind) => (kinds[kind] ? t(kinds[kind]) : kind);
}
