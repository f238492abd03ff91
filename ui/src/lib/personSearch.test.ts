import { describe, expect, it } from 'vitest';
import { addAll, everyoneIn, matcher, normalize, suggest, units, type Searchable } from './personSearch';

const person = (id: number, name: string, over: Partial<Searchable> = {}): Searchable => ({
  id,
  name,
  kana: null,
  dept: '総務課',
  employer: null,
  left_on: null,
  ...over,
});

/** 1,000 staff: 職員0001 … 職員1000, each with a フリガナ of their own. */
const office = Array.from({ length: 1000 }, (_, i) =>
  person(i + 1, `職員${String(i + 1).padStart(4, '0')}`, {
    kana: `ショクイン ${String(i + 1).padStart(4, '0')}`,
    dept: i % 2 ? '総務課' : '業務課',
  }),
);

describe('person search', () => {
  it('compares katakana, hiragana and half-width kana alike, spaces ignored', () => {
    expect(normalize('ヤマダ　タロウ')).toBe('やまだたろう');
    expect(normalize('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('やまだたろう');
    expect(normalize(' 山田 太郎 ')).toBe('山田太郎');
    const yamada = person(1, '山田 太郎', { kana: 'ヤマダ タロウ' });
    for (const q of ['山田太郎', '田 太', 'やまだ', 'ヤマダタ', 'ﾀﾛｳ', 'たろう', '1']) {
      expect(matcher(q)(yamada), q).toBe(true);
    }
    expect(matcher('すずき')(yamada)).toBe(false);
    // No フリガナ yet: the name alone is searched.
    expect(matcher('やまだ')(person(2, '山田 花子'))).toBe(false);
  });

  it('finds person #950 among 1,000 by part of the name or the フリガナ', () => {
    for (const q of ['0950', '職員0950', 'しょくいん0950', 'ショクイン 0950']) {
      const { shown, more } = suggest(office, q);
      expect(shown.map((p) => p.id), q).toEqual([950]);
      expect(more).toBe(0);
    }
  });

  it('never drops matches silently: the rest are counted', () => {
    const { shown, more } = suggest(office, 'しょくいん');
    expect(shown).toHaveLength(50);
    expect(more).toBe(950);
    expect(suggest(office, '', { limit: 200 }).more).toBe(800);
  });

  it('leaves out the chosen and, unless asked, those who left', () => {
    const list = [person(1, '山田 太郎'), person(2, '山田 次郎', { left_on: '2026-03-31' }), person(3, '山田 三郎')];
    expect(suggest(list, '山田', { chosen: new Set([1]) }).shown.map((p) => p.id)).toEqual([3]);
    expect(suggest(list, '山田', { includeLeft: true }).shown.map((p) => p.id)).toEqual([1, 2, 3]);
  });

  it('gives the 所属 and everyone in one who has not left', () => {
    const list = [
      person(1, 'A', { dept: '業務課' }),
      person(2, 'B', { dept: '総務課' }),
      person(3, 'C', { dept: '業務課', left_on: '2026-03-31' }),
      person(4, 'D', { dept: null, employer: '株式会社みなと' }),
      person(5, 'E', { dept: '業務課' }),
    ];
    expect(units(list)).toEqual(['株式会社みなと', '業務課', '総務課'].sort((a, b) => a.localeCompare(b, 'ja')));
    expect(everyoneIn(list, '業務課')).toEqual([1, 5]);
    expect(addAll([5, 2], everyoneIn(list, '業務課'))).toEqual([5, 2, 1]);
  });
});
