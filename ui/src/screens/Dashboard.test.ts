import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Dashboard from './Dashboard.svelte';
import { api } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const allDone = { users: 3, persons: 40, ledger_files: 2, rules_reviewed: true, contractors: 1 };
const view = (overdue: number, setup = allDone, incidents: unknown[] = [], reminders: unknown[] = []) => ({
  org_name: 'みどり広域事務組合', fy_label: '令和8年度', disposal_headline: '', disposal_due: 4,
  disposal_overdue: overdue, awaiting_certificate: 1, contractors_due: [], events_this_year: 12, recent: [],
  setup, incidents, reminders,
});
const deadlines = (sokuho: number | null, kakuho: number | null, urgent: boolean) => ({
  sokuho_warn: '2026-12-03', sokuho_due: '2026-12-05', sokuho_due_label: '令和8年12月5日',
  kakuho_due: '2027-01-04', kakuho_due_label: '令和9年1月4日', kakuho_moved_because: '年末年始',
  sokuho_done: sokuho === null, kakuho_done: kakuho === null,
  sokuho_days_left: sokuho, kakuho_days_left: kakuho, urgent,
});

describe('home', () => {
  it('leads from each of the three jobs and from every count into its screen', async () => {
    vi.mocked(api.dashboard).mockResolvedValue(view(0) as never);
    const onGo = vi.fn();
    render(Dashboard, { onGo });
    await fireEvent.click(screen.getByRole('button', { name: '取扱いを記録する' }));
    await fireEvent.click(screen.getByRole('button', { name: '記録票を印刷する' }));
    await fireEvent.click(screen.getByRole('button', { name: '今年度の廃棄一覧' }));
    expect(onGo.mock.calls.map((c) => c[0])).toEqual(['entry', 'print', 'disposal']);
    await fireEvent.click(await screen.findByTestId('tile-events'));
    await fireEvent.click(screen.getByTestId('tile-certificates'));
    expect(onGo.mock.calls.slice(3).map((c) => c[0])).toEqual(['events', 'disposal']);
    expect(screen.queryByTestId('tile-overdue')).not.toBeInTheDocument();
  });

  it('shows overdue disposals in a tile of their own that leads to the list', async () => {
    vi.mocked(api.dashboard).mockResolvedValue(view(3) as never);
    const onGo = vi.fn();
    render(Dashboard, { onGo });
    const tile = await screen.findByTestId('tile-overdue');
    expect(tile).toHaveTextContent('3件');
    expect(tile).toHaveClass('warn');
    await fireEvent.click(tile);
    expect(onGo).toHaveBeenCalledWith('disposal');
  });
});

describe('home: incidents', () => {
  it('shows each open incident with the days left, red when urgent, and opens the 第一報 in one click', async () => {
    vi.mocked(api.dashboard).mockResolvedValue(
      view(0, allDone, [
        { id: 2, status: 'open', status_label: '対応中', known_on_label: '令和8年12月1日', what: '誤送付', reportable: true, assessed: true, deadlines: deadlines(2, 32, true) },
        { id: 1, status: 'reported', status_label: '報告済', known_on_label: '令和8年11月1日', what: 'USB紛失', reportable: true, assessed: true, deadlines: deadlines(null, 3, true) },
        { id: 3, status: 'open', status_label: '対応中', known_on_label: '令和8年12月2日', what: '書類の所在不明', reportable: false, assessed: false, deadlines: null },
      ]) as never,
    );
    const onGo = vi.fn();
    render(Dashboard, { onGo });
    const block = await screen.findByTestId('home-incidents');
    const items = block.querySelectorAll('li');
    expect(items[0]).toHaveTextContent('速報 あと2日（令和8年12月5日まで）、確報 あと32日（令和9年1月4日まで）');
    expect(items[0]).toHaveClass('urgent');
    expect(items[1]).toHaveTextContent('確報 あと3日');
    expect(items[1]).not.toHaveTextContent('速報');
    expect(items[2]).toHaveTextContent('報告要否の判定待ち');
    expect(items[2]).not.toHaveClass('urgent');
    await fireEvent.click(screen.getByTestId('report-incident'));
    expect(onGo).toHaveBeenCalledWith('incident');
  });

  it('shows no incident block when none is open', async () => {
    vi.mocked(api.dashboard).mockResolvedValue(view(0) as never);
    render(Dashboard, {});
    await screen.findByTestId('tile-events');
    expect(screen.queryByTestId('home-incidents')).toBeNull();
  });
});

describe('the 「はじめに」 checklist', () => {
  beforeEach(() => {
    vi.mocked(api.dashboard).mockReset();
    vi.mocked(api.confirmRules).mockReset();
    localStorage.clear();
  });

  const fresh = { users: 1, persons: 12, ledger_files: 0, rules_reviewed: false, contractors: 0 };

  it('ticks each step from the vault’s counts and leads to its screen', async () => {
    vi.mocked(api.dashboard).mockResolvedValue(view(0, fresh) as never);
    const onGo = vi.fn();
    render(Dashboard, { onGo });
    const list = await screen.findByTestId('checklist');
    expect(list).toHaveTextContent('はじめに（1 / 5）');
    const state = (id: string) =>
      list.querySelector(`[data-step=${id}] [role=img]`)?.getAttribute('aria-label');
    expect(['users', 'persons', 'ledger', 'rules', 'contractors'].map(state)).toEqual(['未了', '済み', '未了', '未了', '未了']);
    for (const name of [/利用者を登録する/, /本人/, /管理台帳/, /保存期間のルールを確認する/, /委託先を登録する/]) {
      await fireEvent.click(screen.getByRole('button', { name }));
    }
    expect(onGo.mock.calls.map((c) => c[0])).toEqual(['users', 'persons', 'ledger', 'rules', 'contractors']);
  });

  it('confirms the rules as they stand, then shows them ticked', async () => {
    vi.mocked(api.dashboard)
      .mockResolvedValueOnce(view(0, fresh) as never)
      .mockResolvedValueOnce(view(0, { ...fresh, rules_reviewed: true }) as never);
    vi.mocked(api.confirmRules).mockResolvedValue(null);
    render(Dashboard);
    await fireEvent.click(await screen.findByRole('button', { name: 'このままでよい' }));
    expect(api.confirmRules).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(screen.getByTestId('checklist')).toHaveTextContent('はじめに（2 / 5）'));
    expect(screen.queryByRole('button', { name: 'このままでよい' })).not.toBeInTheDocument();
  });

  it('is gone once every step is done, and can be closed before', async () => {
    vi.mocked(api.dashboard).mockResolvedValue(view(0) as never);
    const done = render(Dashboard);
    await screen.findByTestId('tile-events');
    expect(screen.queryByTestId('checklist')).not.toBeInTheDocument();
    done.unmount();

    vi.mocked(api.dashboard).mockResolvedValue(view(0, fresh) as never);
    const first = render(Dashboard);
    await fireEvent.click(await screen.findByRole('button', { name: '「はじめに」を閉じる' }));
    expect(screen.queryByTestId('checklist')).not.toBeInTheDocument();
    first.unmount();
    render(Dashboard);
    await screen.findByTestId('tile-events');
    expect(screen.queryByTestId('checklist')).not.toBeInTheDocument();
  });

  it('shows the reminders as links to their screens and puts one aside for 7 days', async () => {
    const reminders = [
      { kind: 'backup', key: 'backup:2026-04-01', message: '最後のバックアップから30日たっています。バックアップを作ってください。', screen: 'settings' },
      { kind: 'yearly_check', key: 'check:2026', message: '令和8年度の取扱状況の点検がまだ終わっていません。', screen: 'check' },
    ];
    vi.mocked(api.dashboard).mockResolvedValueOnce(view(0, allDone, [], reminders) as never);
    vi.mocked(api.dashboard).mockResolvedValue(view(0, allDone, [], reminders.slice(1)) as never);
    vi.mocked(api.dismissReminder).mockResolvedValue(null as never);
    const onGo = vi.fn();
    render(Dashboard, { onGo });
    const box = await screen.findByTestId('reminders');
    await fireEvent.click(within(box).getByRole('button', { name: /点検がまだ終わっていません/ }));
    expect(onGo).toHaveBeenCalledWith('checks');
    const backup = box.querySelector('[data-reminder="backup"]') as HTMLElement;
    await fireEvent.click(within(backup).getByRole('button', { name: '7日間表示しない' }));
    expect(api.dismissReminder).toHaveBeenCalledWith('backup:2026-04-01', null);
    await vi.waitFor(() => expect(box.querySelector('[data-reminder="backup"]')).toBeNull());
    expect(box.querySelector('[data-reminder="yearly_check"]')).not.toBeNull();
  });
});
