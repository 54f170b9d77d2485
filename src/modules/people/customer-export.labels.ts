import type { Locale } from '../workspace/workspace.table.js';

export const exportLocales = ['zh-CN', 'en'] as const satisfies readonly Locale[];

/** The export's fixed column headers and words, per language. */
export const exportLabels = {
  'zh-CN': {
    columns: ['客户ID', '姓名', '手机号', '标签', '跟进员工', '添加时间', '关注公众号'],
    yes: '是',
    no: '否',
  },
  en: {
    columns: ['ID', 'Name', 'Phones', 'Tags', 'Employees', 'Added at', 'Follows OA'],
    yes: 'yes',
    no: 'no',
  },
} satisfies Record<Locale, { columns: string[]; yes: string; no: string }>;

/** Several values in one cell. */
export const listSeparator = '; ';
