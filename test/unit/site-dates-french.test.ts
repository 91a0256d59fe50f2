/**
 * Issue 15's transparency report heads each quarter with its dates ("du 1 octobre 2026 au
 * 31 décembre 2026"), and every statement of reasons and open vote says when it opened and
 * closes. French writes the first day of a month as an ordinal and puts a narrow no-break space
 * (U+202F) before a unit, as the bot's own texts already did (displayFormat): the site's dates now
 * say the same.
 */
import { describe, expect, it } from 'vitest';
import { displayFormat } from '../../src/commons/texts/index.ts';
import { formatDate, formatTime } from '../../src/site/format.ts';

describe('the site\'s dates in French', () => {
  it('the first day of a month is "1er": the report\'s quarter reads "du 1er octobre 2026"', () => {
    expect(formatDate('2026-10-01', 'fr')).toBe('1er octobre 2026');
    expect(formatDate('2026-10-01T00:00:00.000Z', 'fr')).toBe('1er octobre 2026');
    expect(formatTime('2026-10-01T09:05:00.000Z', 'fr')).toBe('1er octobre 2026 à 09:05\u202fUTC');
    // Control: any other day, and English, are unchanged.
    expect(formatDate('2026-10-02', 'fr')).toBe('2 octobre 2026');
    expect(formatDate('2026-12-31', 'fr')).toBe('31 décembre 2026');
    expect(formatDate('2026-10-01', 'en')).toBe('October 1, 2026');
    expect(formatTime('2026-10-01T09:05:00.000Z', 'en')).toBe('October 1, 2026 at 9:05 AM UTC');
  });

  it('a time says UTC after a narrow no-break space in French, as the bot\'s texts do', () => {
    const iso = '2026-11-13T14:30:00.000Z';
    expect(formatTime(iso, 'fr')).toBe('13 novembre 2026 à 14:30\u202fUTC');
    expect(formatTime(iso, 'fr')).toBe(displayFormat('fr').instant(iso));
    expect(formatTime('2026-11-01T14:30:00.000Z', 'fr')).toBe(displayFormat('fr').instant('2026-11-01T14:30:00.000Z'));
  });
});
