import { useCallback } from 'react';
import { useT, type MessageKey } from '../../../i18n';

const sources: Record<string, MessageKey> = {
  wecom: 'customers.source.wecom',
  oa: 'customers.source.oa',
  miniprogram: 'customers.source.miniprogram',
  mall: 'customers.source.mall',
  siyu: 'customers.source.siyu',
  console: 'customers.source.console',
  import: 'customers.source.import',
};

/** Who reported a fact (timeline, merges); sources of other integrations show as stored. */
export function useSourceLabel(): (source: string) => string {
  const t = useT();
  return useCallback((source) => (sources[source] ? t(sources[source]) : source), [t]);
}
