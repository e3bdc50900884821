import { describe, expect, it } from 'vitest';
import { parseDay } from './local-day';

describe('parseDay', () => {
  it.each([
    ['31/01/2026', 'DD/MM/YYYY', '2026-01-31'],
    ['1.2.2026', 'DD/MM/YYYY', '2026-02-01'],
    ['02/01/2026', 'MM/DD/YYYY', '2026-02-01'],
    ['2026-02-01', 'YYYY-MM-DD', '2026-02-01'],
    ['29/02/2028', 'DD/MM/YYYY', '2028-02-29'],
  ])('reads %s in %s as %s', (text, format, day) => {
    expect(parseDay(text, format)).toBe(day);
  });

  it.each([
    ['31/02/2026', 'DD/MM/YYYY'],
    ['29/02/2026', 'DD/MM/YYYY'],
    ['13/13/2026', 'MM/DD/YYYY'],
    ['2026-01', 'YYYY-MM-DD'],
    ['yesterday', 'DD/MM/YYYY'],
    ['01/01/26', 'DD/MM/YYYY'],
  ])('refuses %s in %s', (text, format) => {
    expect(parseDay(text, format)).toBeNull();
  });
});
