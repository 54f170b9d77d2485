import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it('turns every way of writing a Chinese mobile into E.164', () => {
    for (const raw of [
      '13800138000',
      ' 138 0013 8000 ',
      '138-0013-8000',
      '+86 138-0013-8000',
      '+86 (138) 0013.8000',
      '+8613800138000',
      '008613800138000',
      '0086 138 0013 8000',
      '8613800138000',
    ]) {
      expect(normalizePhone(raw), raw).toBe('+8613800138000');
    }
  });

  it('keeps landlines and other countries when written internationally', () => {
    expect(normalizePhone('+86 10 6552 9988')).toBe('+861065529988');
    expect(normalizePhone('+86 (0)21 5423 1234')).toBe('+862154231234');
    expect(normalizePhone('+1 (415) 555-2671')).toBe('+14155552671');
    expect(normalizePhone('0044 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('138 8888 8888')).toBe('+8613888888888');
  });

  it('rejects junk and ambiguous numbers', () => {
    for (const raw of [
      '',
      '0',
      '-1',
      'null',
      'unknown',
      '12345',
      '11111111111',
      '00000000000',
      '+86 2222 2222 22',
      '4155552671',
      '23800138000',
      '1380013800',
      '138001380001',
      '+86 138 0013 800x',
      '+0 123 4567 890',
      '+1 111 1111 1111',
    ]) {
      expect(normalizePhone(raw), raw).toBeNull();
    }
  });
});

describe('maskPhone', () => {
  it('shows the operator prefix and the last four digits', () => {
    expect(maskPhone('+8613800138000')).toBe('+86 138****8000');
    expect(maskPhone('+14155552671')).toBe('+141****2671');
  });
});
