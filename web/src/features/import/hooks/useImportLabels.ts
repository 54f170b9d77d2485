import { useT } from '../../../i18n';
import type { ImportPhase, ImportRunStatus } from '../api';

export function useImportLabels() {
  const t = useT();
  return {
    status: (status: ImportRunStatus) => t(`import.status.${status}`),
    phase: (phase: ImportPhase) => t(`import.phase.${phase}`),
  };
}
