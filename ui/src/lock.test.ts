// Lock without loss (issue 20): the lock shows only the login — the half-typed record is not in
// the page — and the same user, logging in again, is back on the screen with the draft; another
// user gets the home screen and an empty form.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { api } from './lib/ipc';

vi.mock('./lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('./lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const forms = [
  {
    kind: 'acquire', label: '取得', fields: [
      { key: 'content', label: '取得したもの', input: 'text', required: false, choices: [] },
    ],
  },
];
const users = { boss: '大塚 正道', sato: '佐藤 美咲' } as const;
const DRAFT = '扶養控除等申告書（四十人分の三人目）';

async function login(id: keyof typeof users) {
  vi.mocked(api.login).mockResolvedValueOnce({
    user: { id, name: users[id] }, org_name: 'みどり広域事務組合', failed_logins: null, warnings: [],
  } as never);
  await fireEvent.input(await screen.findByLabelText('ユーザーID'), { target: { value: id } });
  await fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'pw' } });
  await fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));
}

async function openEntry() {
  await fireEvent.click(screen.getByRole('button', { name: '取扱記録' }));
  await fireEvent.click(await screen.findByRole('button', { name: '新しい記録' }));
  return screen.findByLabelText(/取得したもの/);
}

describe('lock without loss', () => {
  beforeEach(() => {
    for (const f of Object.values(api)) vi.mocked(f).mockReset();
    vi.mocked(api.vaultState).mockResolvedValue({ path: '/tmp/x.kiroku', exists: true });
    vi.mocked(api.settings).mockResolvedValue({ auto_lock_minutes: 5 } as never);
    vi.mocked(api.today).mockResolvedValue({ date: '2026-04-01', date_label: '令和8年4月1日', fy: '2026', fy_label: '令和8年度' });
    vi.mocked(api.lock).mockResolvedValue(null);
    vi.mocked(api.dashboard).mockResolvedValue({
      org_name: 'みどり広域事務組合', fy_label: '令和8年度', disposal_headline: '', disposal_due: 0, disposal_overdue: 0,
      awaiting_certificate: 0, contractors_due: [], events_this_year: 0, recent: [],
      setup: { users: 2, persons: 1, ledger_files: 1, rules_reviewed: true, contractors: 1 }, incidents: [], reminders: [],
    } as never);
    vi.mocked(api.events).mockResolvedValue([] as never);
    vi.mocked(api.eventForms).mockResolvedValue(forms as never);
    vi.mocked(api.persons).mockResolvedValue([] as never);
    vi.mocked(api.affairs).mockResolvedValue([{ id: 3, name: '源泉徴収', basis: null }] as never);
    vi.mocked(api.users).mockResolvedValue([] as never);
    vi.mocked(api.ledger).mockResolvedValue([] as never);
    vi.mocked(api.echoDate).mockResolvedValue({ date: '2026-04-01', label: '令和8年4月1日' } as never);
  });

  it('keeps the half-typed record out of the page while locked, and gives it back to the same user only', async () => {
    render(App);
    await login('boss');
    const field = await openEntry();
    await fireEvent.input(field, { target: { value: DRAFT } });

    await fireEvent.click(screen.getByTestId('lock'));
    expect(await screen.findByLabelText('ユーザーID')).toBeInTheDocument();
    // Locked: nothing of the work is in the page, not even in a hidden input.
    expect(document.body.innerHTML).not.toContain(DRAFT);
    expect(screen.queryByRole('navigation')).toBeNull();

    await login('boss');
    expect(await screen.findByRole('heading', { name: '取扱記録' })).toBeInTheDocument();
    expect(await screen.findByLabelText(/取得したもの/)).toHaveValue(DRAFT);
    expect(screen.getByTestId('resumed')).toHaveTextContent('ロックする前の画面に戻りました');

    // Locked again, and someone else logs in: the home screen, and an empty form.
    await fireEvent.click(screen.getByTestId('lock'));
    await login('sato');
    expect(await screen.findByRole('heading', { name: 'ダッシュボード' })).toBeInTheDocument();
    expect(await openEntry()).toHaveValue('');
    expect(document.body.innerHTML).not.toContain(DRAFT);

    // And the first user, after that, gets nothing back either: the kept draft was dropped.
    await fireEvent.click(screen.getByTestId('lock'));
    await login('boss');
    expect(await screen.findByRole('heading', { name: 'ダッシュボード' })).toBeInTheDocument();
  });

  it('reopens the record being corrected, its reason as typed', async () => {
    const row = {
      event_id: 5, version: 1, amended: false, date: '2026-04-01', date_label: '令和8年4月1日', kind: 'acquire', kind_label: '取得',
      affair: '源泉徴収', person: '鈴木 彩', unit: '総務課', dependent: null, file: 1, summary: '本人から取得', clerk: '佐藤', note: null, withdrawn: null,
    };
    const view = {
      id: 5, version: 1, versions: 1, amended: false, kind: 'acquire', kind_label: '取得', date: '2026-04-01', date_label: '令和8年4月1日',
      affair_id: 3, affair: '源泉徴収', person_id: 7, person: '鈴木 彩', dependent_id: null, dependent: null, file: 1, document: null,
      clerk: { id: 'boss', name: '大塚 正道' }, summary: '本人から取得',
      fields: { source: 'person', method: null, to: null, via: null, measures: [], sealed: null, content: '申告書', contractor: null, certificate_no: null, answer: null, requester: null, correction_reason: null, witness: null, officer: null, note: null },
      reason: null, withdrawn: false, entered_at: '2026-04-01T00:00:00Z', entered_by: 'boss',
    };
    vi.mocked(api.events).mockResolvedValue([row] as never);
    vi.mocked(api.eventHistory).mockResolvedValue([view] as never);
    vi.mocked(api.persons).mockResolvedValue([{ id: 7, kind: 'staff', kind_label: '職員等', name: '鈴木 彩', dept: '総務課', employer: null, kana: 'スズキ アヤ', left_on: null, dependents: [] }] as never);
    render(App);
    await login('boss');
    await fireEvent.click(screen.getByRole('button', { name: '取扱記録' }));
    await fireEvent.click(await screen.findByRole('button', { name: /^5/ }));
    const detail = await screen.findByRole('region', { name: '記録の詳細' });
    await fireEvent.click(await within(detail).findByRole('button', { name: '訂正する' }));
    const form = await within(detail).findByRole('form', { name: '記録の訂正' });
    await fireEvent.input(within(form).getByLabelText(/訂正の理由/), { target: { value: '本人の取り違え（電話で中断）' } });

    await fireEvent.click(screen.getByTestId('lock'));
    expect(document.body.innerHTML).not.toContain('電話で中断');
    await login('boss');
    const again = await screen.findByRole('form', { name: '記録の訂正' });
    expect(within(again).getByLabelText(/訂正の理由/)).toHaveValue('本人の取り違え（電話で中断）');
  });
});
