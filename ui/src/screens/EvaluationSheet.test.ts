// A half-judged 評価シート survives the lock for the same user (issue 20): its judgments and
// improvements come back; after another user's login they do not.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import EvaluationSheet from './EvaluationSheet.svelte';
import { api } from '../lib/ipc';
import { lockAndLogIn } from '../lib/lockTesting';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const sheet = {
  id: 7, contractor: { id: 1, name: '株式会社みどり文書' }, re_evaluation: true, made_on: '2027-03-01', made_on_label: '令和9年3月1日',
  pattern: 'I', pmark_valid: false, leak_2y: false, shortcut: false,
  items: [
    { no: 1, text: '管理体制', applies: true, judgment: null, improvement: null, improvement_confirmed_on: null },
    { no: 2, text: '規程', applies: true, judgment: null, improvement: null, improvement_confirmed_on: null },
  ],
  decision: 'incomplete', decision_label: '未完了', reasons: [], missing: [1, 2],
  finalized: false, finalized_at: null, finalized_by: null,
  discarded: false, discarded_at: null, discarded_by: null, discard_reason: null,
};

async function judgeHalf() {
  const view = render(EvaluationSheet, { sheet: sheet as never, onchanged: () => {} });
  await fireEvent.change(screen.getByLabelText('No.1 の判定'), { target: { value: 'B' } });
  await fireEvent.input(screen.getByLabelText('No.1 の改善措置等'), { target: { value: '鍵付き書庫を追加' } });
  return view;
}

describe('評価シート across the lock', () => {
  beforeEach(() => {
    for (const f of Object.values(api)) vi.mocked(f).mockReset();
  });

  it('gives the same user the judgments typed before the lock', async () => {
    expect(lockAndLogIn(await judgeHalf(), 'contractors', 'kato')).toBe('contractors');
    render(EvaluationSheet, { sheet: sheet as never, onchanged: () => {} });
    expect(screen.getByLabelText('No.1 の判定')).toHaveValue('B');
    expect(screen.getByLabelText('No.1 の改善措置等')).toHaveValue('鍵付き書庫を追加');
    expect(screen.getByLabelText('No.2 の判定')).toHaveValue('');
  });

  it('gives another user the sheet as saved', async () => {
    expect(lockAndLogIn(await judgeHalf(), 'contractors', 'sato')).toBeNull();
    render(EvaluationSheet, { sheet: sheet as never, onchanged: () => {} });
    expect(screen.getByLabelText('No.1 の判定')).toHaveValue('');
    expect(screen.getByLabelText('No.1 の改善措置等')).toHaveValue('');
  });
});
