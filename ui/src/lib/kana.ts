// Finding a 本人 by what the clerk types: part of the 氏名 or of the フリガナ (typed in
// hiragana or katakana, spaces ignored).
import type { Wire } from './ipc';
import type { PersonView } from './bindings/PersonView';

/** Hiragana as katakana (フリガナ is stored in katakana), spaces (half- and full-width) dropped. */
export function kanaKey(text: string): string {
  return text
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/[\s\u3000]/g, '');
}

/** The person's 氏名 or フリガナ contains `filter` (an empty filter matches everyone). */
export function personMatches(p: Wire<PersonView>, filter: string): boolean {
  const key = kanaKey(filter.trim());
  if (!key) return true;
  return kanaKey(p.name).includes(key) || kanaKey(p.kana ?? '').includes(key);
}
