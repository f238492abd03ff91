import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Checks from './Checks.svelte';
import { api, IpcError } from '../lib/ipc';
import { lockAndLogIn } from '../lib/lockTesting';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const item = (id: string, over = {}) => ({
  id, title: `${id} の点検事項`, basis: '002 第17条', auto: id.startsWith('A'), figure: id.startsWith('A') ? '取扱記録 3件' : null,
  findings: [], result: id.startsWith('A') ? '適' : null, result_code: null, answered: false, note: null, ...over,
});
const check = (over = {}) => ({
  id: 1, fiscal_year: 2026, fy_label: '令和8年度', adhoc: false,
  title: '令和8年度 特定個人情報等の取扱状況の点検（監査）結果報告書',
  period_label: '令和8年4月1日 〜 令和8年12月3日', frozen: false, as_of_label: '令和8年12月3日',
  items: [
    item('A1', {
      findings: [{ text: '令和8年5月1日 取得 田中 一郎: 本人確認方法の記載なし', target: 'event:12', screen: 'log' }],
      result: '不適',
    }),
    item('M1'),
  ],
  actions: [], carried: [{ id: 9, check_id: 0, what: '研修を行う', owner: '山田 太郎', due_on: '2026-03-31', due_label: '令和8年3月31日', done_on: null, done_label: null, overdue: true }],
  signoffs: [], may_sign: ['creator'], addenda: [], head_hash: 'ab'.repeat(32),
  ...over,
});

beforeEach(() => {
  for (const f of Object.values(api)) vi.mocked(f).mockReset();
  vi.mocked(api.checks).mockResolvedValue([] as never);
});

describe('年次点検', () => {
  it('begins this year’s check and shows each auto item’s figure and the records behind its faults', async () => {
    vi.mocked(api.newCheck).mockResolvedValue(check() as never);
    vi.mocked(api.check).mockResolvedValue(check() as never);
    render(Checks, { today: '令和8年12月3日' });
    await fireEvent.click(await screen.findByRole('button', { name: '今年度の点検を始める' }));
    expect(api.newCheck).toHaveBeenCalledWith({ fy: null, adhoc: false });
    const detail = await screen.findByTestId('check-detail');
    const a1 = await within(detail).findByText('A1 の点検事項');
    const row = a1.closest('tr')!;
    expect(row).toHaveTextContent('取扱記録 3件');
    expect(row).toHaveTextContent('不適（自動）');
    expect(within(row).getByText(/本人確認方法の記載なし/).closest('li')).toHaveAttribute('data-target', 'event:12');
    // Last year's open action is carried over, marked overdue.
    expect(within(detail).getByTestId('check-carried')).toHaveTextContent('研修を行う');
    // A clerk may only sign 作成: no 確認 button.
    expect(within(detail).getByRole('button', { name: '作成する' })).toBeTruthy();
    expect(within(detail).queryByRole('button', { name: '確認する' })).toBeNull();
  });

  it('answers an item with its note, and after 確認 offers no answers, only addenda', async () => {
    vi.mocked(api.checks).mockResolvedValue([
      { id: 1, fiscal_year: 2026, title: '令和8年度 …', adhoc: false, created_label: '令和8年12月3日', status_label: '作成中', frozen: false },
    ] as never);
    vi.mocked(api.check).mockResolvedValue(check() as never);
    render(Checks, { openLatest: true });
    const detail = await screen.findByTestId('check-detail');
    await fireEvent.input(await within(detail).findByLabelText('M1 の所見'), { target: { value: '鍵を共用している' } });
    vi.mocked(api.answerCheck).mockRejectedValueOnce(new IpcError({ code: 'forbidden', message: '点検項目の回答は事務取扱責任者または事務取扱担当者だけが行えます。', field: null }));
    const group = within(detail).getByRole('group', { name: 'M1 の結果' });
    await fireEvent.click(within(group).getByRole('button', { name: '不適' }));
    expect(await within(detail).findByRole('alert')).toHaveTextContent('事務取扱担当者だけが行えます');
    expect(api.answerCheck).toHaveBeenLastCalledWith({ id: 1, item: 'M1', result: '不適', note: '鍵を共用している' });

    const frozen = check({ frozen: true, may_sign: ['auditor'], signoffs: [{ step: 'creator', step_label: '作成', name: '佐藤 花子', opinion: null, on_label: '令和8年12月3日' }, { step: 'officer', step_label: '確認', name: '山田 太郎', opinion: null, on_label: '令和8年12月3日' }] });
    vi.mocked(api.answerCheck).mockResolvedValueOnce(frozen as never);
    await fireEvent.click(within(group).getByRole('button', { name: '不適' }));
    expect(await within(detail).findByTestId('check-frozen')).toBeTruthy();
    expect(within(detail).queryByRole('group', { name: 'M1 の結果' })).toBeNull();
    expect(within(detail).queryByLabelText('M1 の所見')).toBeNull();
    expect(within(detail).getByRole('form', { name: '追記' })).toBeTruthy();
    // The auditor's only word: its opinion.
    vi.mocked(api.signCheck).mockResolvedValueOnce(frozen as never);
    await fireEvent.input(within(detail).getByLabelText('監査意見'), { target: { value: '適正である。' } });
    await fireEvent.click(within(detail).getByRole('button', { name: '監査意見する' }));
    expect(api.signCheck).toHaveBeenLastCalledWith({ id: 1, step: 'auditor', opinion: '適正である。', name: null });
  });
});

describe('年次点検 across the lock', () => {
  async function typeHalf() {
    vi.mocked(api.checks).mockResolvedValue([
      { id: 1, fiscal_year: 2026, title: '令和8年度 …', adhoc: false, created_label: '令和8年12月3日', status_label: '作成中', frozen: false },
    ] as never);
    vi.mocked(api.check).mockResolvedValue(check({ items: [item('M1'), item('M2')] }) as never);
    const view = render(Checks, { openLatest: true });
    const detail = await screen.findByTestId('check-detail');
    await fireEvent.input(await within(detail).findByLabelText('M1 の所見'), { target: { value: '鍵を共用している' } });
    await fireEvent.input(within(detail).getByLabelText('内容'), { target: { value: '鍵を個人別にする' } });
    return view;
  }

  it('gives the same user the check open with the findings and action typed', async () => {
    expect(lockAndLogIn(await typeHalf(), 'checks', 'kato')).toBe('checks');
    render(Checks);
    const detail = await screen.findByTestId('check-detail');
    expect(await within(detail).findByLabelText('M1 の所見')).toHaveValue('鍵を共用している');
    expect(within(detail).getByLabelText('M2 の所見')).toHaveValue('');
    expect(within(detail).getByLabelText('内容')).toHaveValue('鍵を個人別にする');
  });

  it('gives another user the list with no check open', async () => {
    expect(lockAndLogIn(await typeHalf(), 'checks', 'sato')).toBeNull();
    render(Checks);
    await screen.findByText(/令和8年度 …/);
    expect(screen.queryByTestId('check-detail')).toBeNull();
  });
});
