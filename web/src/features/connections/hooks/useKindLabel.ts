import { useT } from '../../../i18n';
import type { ConnectionKind } from '../api';

/** 企业微信 / 公众号 / 小程序 in the current language. */
export function useKindLabel(): (kind: ConnectionKind) => string {
  const t = useT();
  return (kind) => t(`connections.kind.${kind}`);
}
