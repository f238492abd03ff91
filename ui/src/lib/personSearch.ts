// Finding 本人 by what a clerk types: part of the 氏名 or of the フリガナ, katakana and hiragana
// alike, full-width and half-width alike, spaces ignored. Pure functions: the picker
// (PersonPicker.svelte) shows what they return.

/** What the search reads of a person (a PersonView has all of it). */
export interface Searchable {
  id: number;
  name: string;
  /** フリガナ */
  kana?: string | null;
  /** 所属 */
  dept: string | null;
  /** 委託事業主名 */
  employer: string | null;
  /** 退職日等 */
  left_on: string | null;
}

/** How many suggestions the list shows at most; the rest are counted, never dropped silently. */
export const SUGGESTION_LIMIT = 50;

const KATAKANA_FIRST = 0x30a1; // ァ
const KATAKANA_LAST = 0x30f6; // ヶ
const KANA_OFFSET = 0x60; // ァ (U+30A1) − ぁ (U+3041)

/**
 * The form a name is compared in: NFKC (half-width ｶﾅ → カナ, full-width Ａ → A), katakana as
 * hiragana, lower case, no spaces of any width.
 */
export function normalize(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    if (/\s/u.test(ch)) continue;
    const code = ch.codePointAt(0) ?? 0;
    out +=
      code >= KATAKANA_FIRST && code <= KATAKANA_LAST
        ? String.fromCodePoint(code - KANA_OFFSET)
        : ch;
  }
  return out;
}

/** Whether `p` has left (退職等): kept in every record, not suggested by default. */
export function hasLeft(p: Searchable): boolean {
  return p.left_on !== null && p.left_on !== undefined && p.left_on !== '';
}

/** 所属 or 委託事業主名: where a person belongs, as the picker shows and groups it. */
export function unitOf(p: Searchable): string {
  return p.dept ?? p.employer ?? '';
}

/** A query as typed, compared against each person: by name, フリガナ or exact ID. */
export function matcher(query: string): (p: Searchable) => boolean {
  const q = normalize(query);
  if (q === '') return () => true;
  const id = /^\d+$/.test(q) ? Number(q) : null;
  return (p) =>
    p.id === id || normalize(p.name).includes(q) || (p.kana ? normalize(p.kana).includes(q) : false);
}

export interface Suggestions<P> {
  /** The first matches, in the list's order (at most `limit`). */
  shown: P[];
  /** How many more match than are shown (「ほか N人」). */
  more: number;
}

/**
 * The persons matching `query` that are not chosen yet; those who left only when asked for.
 * The list is cut at `limit`, and the cut is counted in `more`.
 */
export function suggest<P extends Searchable>(
  persons: readonly P[],
  query: string,
  options: { chosen?: ReadonlySet<number>; includeLeft?: boolean; limit?: number } = {},
): Suggestions<P> {
  const { chosen = new Set<number>(), includeLeft = false, limit = SUGGESTION_LIMIT } = options;
  const matches = matcher(query);
  const shown: P[] = [];
  let more = 0;
  for (const p of persons) {
    if (chosen.has(p.id) || (!includeLeft && hasLeft(p)) || !matches(p)) continue;
    if (shown.length < limit) shown.push(p);
    else more += 1;
  }
  return { shown, more };
}

/** Every 所属 (or 委託事業主) of the persons who have not left, sorted, each once. */
export function units(persons: readonly Searchable[]): string[] {
  const all = new Set<string>();
  for (const p of persons) {
    const u = unitOf(p);
    if (u && !hasLeft(p)) all.add(u);
  }
  return [...all].sort((a, b) => a.localeCompare(b, 'ja'));
}

/** 「所属で全員」: the IDs of everyone in `unit` who has not left, in the list's order. */
export function everyoneIn(persons: readonly Searchable[], unit: string): number[] {
  return persons.filter((p) => unitOf(p) === unit && !hasLeft(p)).map((p) => p.id);
}

/** `ids` added to `chosen` in order, each once (「所属で全員」, 「前回と同じ人たち」). */
export function addAll(chosen: readonly number[], ids: readonly number[]): number[] {
  const out = [...chosen];
  const seen = new Set(out);
  for (const id of ids) {
    if (!seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  }
  return out;
}
