// What an incident's deadlines say today: 「速報 あと2日（令和8年12月4日まで）」「確報 3日超過」.
// The days are the API's (counted in the office's time zone); this only puts them into words.
import type { Wire } from './ipc';
import type { DeadlineView } from './bindings/DeadlineView';

export function deadlineWords(d: Wire<DeadlineView>): string {
  const part = (what: string, left: number | null, label: string) =>
    left === null
      ? null
      : left < 0
        ? `${what} ${-left}日超過（${label}まで）`
        : left === 0
          ? `${what} 今日まで`
          : `${what} あと${left}日（${label}まで）`;
  const parts = [
    part('速報', d.sokuho_days_left, d.sokuho_due_label),
    part('確報', d.kakuho_days_left, d.kakuho_due_label),
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? '報告済' : parts.join('、');
}
