import { useCallback } from 'react';
import { useT, type MessageKey } from '../../../i18n';
import type { ConflictReason, ShownIdentity } from '../api';

const kindKeys: Record<string, MessageKey> = {
  unionid: 'identityReview.kind.unionid',
  wecom_external_userid: 'identityReview.kind.wecom_external_userid',
  oa_openid: 'identityReview.kind.oa_openid',
  mp_openid: 'identityReview.kind.mp_openid',
  member_id: 'identityReview.kind.member_id',
  phone: 'identityReview.kind.phone',
  email: 'identityReview.kind.email',
};

const reasonKeys: Record<ConflictReason, MessageKey> = {
  limit: 'identityReview.reason.limit',
  unverified: 'identityReview.reason.unverified',
  unmerged: 'identityReview.reason.unmerged',
};

/** How identity kinds, identities and conflict reasons read in the current language. */
export function useIdentityLabels() {
  const t = useT();
  const kind = useCallback(
    (value: string) => {
      const key = kindKeys[value];
      return key ? t(key) : value;
    },
    [t],
  );
  return {
    kind,
    identity: (identity: ShownIdentity) =>
      `${kind(identity.kind)} ${identity.value ?? t('identityReview.erasedValue')}`,
    reason: (reason: ConflictReason) => t(reasonKeys[reason]),
    reasonHelp: (reason: ConflictReason) => t(`${reasonKeys[reason]}.help` as MessageKey),
  };
}
