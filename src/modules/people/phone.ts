/**
 * Phone numbers to E.164 (`+8613800138000`). Chinese mobiles may come bare (`13800138000`),
 * with a country prefix (`+86`, `0086`, `86`) and any spaces, dashes, dots or parentheses.
 * Other countries need an explicit `+` or `00` prefix. Anything else is rejected (null):
 * a bare number that is not a Chinese mobile is ambiguous, not a phone we can match on.
 */
export function normalizePhone(raw: string): string | null {
  let digits = raw.trim().replace(/[\s\-.()\u00a0\u3000]/g, '');
  let international = false;
  if (digits.startsWith('+')) {
    international = true;
    digits = digits.slice(1);
  } else if (digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }
  if (!/^\d+$/.test(digits)) return null;
  if (!international) {
    if (chineseMobile.test(digits)) return `+86${digits}`;
    if (digits.startsWith('86') && chineseMobile.test(digits.slice(2))) return `+${digits}`;
    return null;
  }
  if (digits.startsWith('86')) {
    const national = digits.slice(2).replace(/^0/, '');
    const valid = chineseMobile.test(national) || chineseLandline.test(national);
    return valid && !allSame(national) ? `+86${national}` : null;
  }
  // Country codes are 1–3 digits; whatever the split, a run of one digit is not a number.
  return /^[1-9]\d{7,14}$/.test(digits) && !allSame(digits.slice(3)) ? `+${digits}` : null;
}

const chineseMobile = /^1[3-9]\d{9}$/;
/** Area code without the trunk 0 (10, 2x, or 3 digits) and the subscriber number. */
const chineseLandline = /^(?:10|2\d)\d{8}$|^[3-9]\d{2}\d{7,8}$/;

const allSame = (digits: string) => /^(\d)\1+$/.test(digits);

/** `+8613800138000` → `+86 138****8000`; other numbers keep their first and last 4 digits. */
export function maskPhone(e164: string): string {
  const china = /^\+86(1\d{2})\d{4}(\d{4})$/.exec(e164);
  if (china) return `+86 ${china[1]}****${china[2]}`;
  if (e164.length <= 8) return `${e164.slice(0, 2)}****`;
  return `${e164.slice(0, e164.length - 8)}****${e164.slice(-4)}`;
}
