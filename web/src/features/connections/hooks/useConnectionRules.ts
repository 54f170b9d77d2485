import type { FormRule } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../../i18n';
import { credentialPatterns, maxAgentId } from '../credentials';

/** Form rules for every connection field, with messages that say the expected format. */
export function useConnectionRules() {
  const t = useT();
  return useMemo(() => {
    const pattern = (regex: RegExp, required: string | null, format: string): FormRule[] => [
      ...(required ? [{ required: true, whitespace: true, message: required }] : []),
      { pattern: regex, message: format, transform: (v: string | undefined) => v?.trim() },
    ];
    return {
      displayName: [{ max: 100, message: t('connections.form.displayNameTooLong') }],
      corpId: pattern(
        credentialPatterns.corpId,
        t('connections.form.corpIdRequired'),
        t('connections.form.corpIdInvalid'),
      ),
      appId: pattern(
        credentialPatterns.appId,
        t('connections.form.appIdRequired'),
        t('connections.form.appIdInvalid'),
      ),
      agentId: [
        {
          type: 'integer',
          min: 1,
          max: maxAgentId,
          message: t('connections.form.agentIdInvalid'),
        },
      ] satisfies FormRule[],
      /** On edit, credentials may be left empty to keep the stored ones. */
      secret: (required: boolean) =>
        pattern(
          credentialPatterns.secret,
          required ? t('connections.form.secretRequired') : null,
          t('connections.form.secretInvalid'),
        ),
      token: (required: boolean) =>
        pattern(
          credentialPatterns.token,
          required ? t('connections.form.tokenRequired') : null,
          t('connections.form.tokenInvalid'),
        ),
      aesKey: (required: boolean) =>
        pattern(
          credentialPatterns.aesKey,
          required ? t('connections.form.aesKeyRequired') : null,
          t('connections.form.aesKeyInvalid'),
        ),
      apiBaseUrl: [
        { type: 'url', message: t('connections.form.apiBaseUrlInvalid') },
        { pattern: /^https?:\/\//, message: t('connections.form.apiBaseUrlInvalid') },
      ] satisfies FormRule[],
    };
  }, [t]);
}
