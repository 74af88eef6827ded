import { describe, expect, it } from 'vitest';
import { parseTimePhrase } from '../../src/core/recall/time-phrase';

// Thursday 21 November 2024, 15:00 local time
const now = new Date(2024, 10, 21, 15, 0, 0);
const day = (y: number, m: number, d: number) => new Date(y, m - 1, d);

describe('parseTimePhrase', () => {
  it('understands days', () => {
    expect(parseTimePhrase('yesterday', now)).toEqual({ from: day(2024, 11, 20), to: day(2024, 11, 21) });
    expect(parseTimePhrase('today', now)).toEqual({ from: day(2024, 11, 21), to: day(2024, 11, 22) });
    expect(parseTimePhrase('2024-05-01', now)).toEqual({ from: day(2024, 5, 1), to: day(2024, 5, 2) });
  });

  it('understands relative periods ending now', () => {
    expect(parseTimePhrase('last week', now)).toEqual({ from: new Date(2024, 10, 14, 15), to: now });
    expect(parseTimePhrase('past 3 days', now)).toEqual({ from: new Date(2024, 10, 18, 15), to: now });
    expect(parseTimePhrase('this month', now)).toEqual({ from: day(2024, 11, 1), to: now });
  });

  it('understands open ranges around months and years', () => {
    expect(parseTimePhrase('since March', now)).toEqual({ from: day(2024, 3, 1), to: null });
    expect(parseTimePhrase('before 2024', now)).toEqual({ from: null, to: day(2024, 1, 1) });
    expect(parseTimePhrase('in December', now)).toEqual({ from: day(2023, 12, 1), to: day(2024, 1, 1) });
  });

  it('refuses gibberish with examples', () => {
    expect(() => parseTimePhrase('when the moon is blue', now)).toThrow(/last week/);
  });
});
