/** One finding of the setup doctor, written for the person who must fix it. */

export const checkStatuses = ['ok', 'warn', 'fail'] as const;
export type CheckStatus = (typeof checkStatuses)[number];

export const doctorLangs = ['zh-CN', 'en'] as const;
export type DoctorLang = (typeof doctorLangs)[number];

/** Every sentence in both languages; the report picks one. */
export interface Text {
  readonly en: string;
  readonly zh: string;
}

export interface DraftCheck {
  readonly id: string;
  readonly status: CheckStatus;
  readonly title: Text;
  readonly detail: Text;
  readonly fix: Text | null;
}

export interface DoctorCheck {
  id: string;
  status: CheckStatus;
  title: string;
  detail: string;
  /** What to do, where; null when there is nothing to do. */
  fix: string | null;
}

export const text = (en: string, zh: string): Text => ({ en, zh });

export function localize(check: DraftCheck, lang: DoctorLang): DoctorCheck {
  const pick = (t: Text) => (lang === 'en' ? t.en : t.zh);
  return {
    id: check.id,
    status: check.status,
    title: pick(check.title),
    detail: pick(check.detail),
    fix: check.fix && pick(check.fix),
  };
}

/** The worst status among checks (`ok` for none). */
export function worstOf(statuses: readonly CheckStatus[]): CheckStatus {
  if (statuses.includes('fail')) return 'fail';
  return statuses.includes('warn') ? 'warn' : 'ok';
}

/** A check that could not run because an earlier one failed. */
export function skipped(id: string, title: Text, because: Text): DraftCheck {
  return {
    id,
    status: 'warn',
    title,
    detail: text(`Not checked: ${because.en}.`, `未检查：${because.zh}。`),
    fix: text('Fix the failed check above first.', '请先修复上面失败的检查项。'),
  };
}
