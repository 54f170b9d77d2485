/** CSV for spreadsheets (RFC 4180, CRLF), safe to open in Excel. */

/** Opens as UTF-8 in Excel (Chinese text included) only with a byte order mark. */
export const utf8Bom = '\uFEFF';

/**
 * One cell. Text a spreadsheet would run as a formula (starting with = + - @, or a tab or
 * carriage return that hides one) gets a leading `'` (OWASP CSV injection); numbers stay
 * numbers. Cells with separators, quotes or line breaks are quoted, quotes doubled.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: readonly (string | number | null | undefined)[]): string =>
  `${cells.map(csvCell).join(',')}\r\n`;
