import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { api, IpcError } from './lib/ipc';

vi.mock('./lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('./lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const dashboard = {
  org_name: 'みどり広域事務組合',
  fy_label: '令和8年度',
  disposal_headline: '今年度廃棄予定 2件 / 期限超過 1件',
  disposal_due: 2,
  disposal_overdue: 1,
  awaiting_certificate: 0,
  contractors_due: [],
  events_this_year: 12,
  recent: [],
  setup: { users: 3, persons: 40, ledger_files: 2, rules_reviewed: true, contractors: 1 },
  incidents: [],
  reminders: [],
};

describe('the app', () => {
  beforeEach(() => {
    for (const f of Object.values(api)) vi.mocked(f).mockReset();
    vi.mocked(api.settings).mockResolvedValue({ date_style: 'wareki', date_style_label: '和暦', auto_lock_minutes: 5, body_kind: 'jimukumiai', body_kind_label: '一部事務組合・広域連合', backup_every_days: 30, check_by_month: 5 });
    vi.mocked(api.dashboard).mockResolvedValue(dashboard);
    vi.mocked(api.today).mockResolvedValue({ date: '2026-04-01', date_label: '令和8年4月1日', fy: '2026', fy_label: '令和8年度' });
    vi.mocked(api.lock).mockResolvedValue(null);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts with the first-run setup when the vault does not exist', async () => {
    vi.mocked(api.vaultState).mockResolvedValue({ path: '/tmp/x.kiroku', exists: false });
    render(App);
    expect(await screen.findByRole('heading', { name: '初回セットアップ' })).toBeInTheDocument();
    expect(screen.getByLabelText(/団体名/)).toBeInTheDocument();
  });

  it('logs in to the dashboard, and a refused login says why', async () => {
    vi.mocked(api.vaultState).mockResolvedValue({ path: '/tmp/x.kiroku', exists: true });
    vi.mocked(api.login)
      .mockRejectedValueOnce(new IpcError({ code: 'auth_failed', message: 'ユーザーIDまたはパスワードが違います。', field: null }))
      .mockResolvedValueOnce({
        user: { id: 'boss', name: '大塚 正道', role: 'officer', role_label: '事務取扱責任者', dept: null, duties: null, active: true, created_at: '' },
        org_name: 'みどり広域事務組合',
        failed_logins: { count: 1, first: '', last: '' },
      } as never);
    render(App);
    await fireEvent.input(await screen.findByLabelText('ユーザーID'), { target: { value: 'boss' } });
    await fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'wrong' } });
    await fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('ユーザーIDまたはパスワードが違います。');

    await fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'right' } });
    await fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));
    expect(await screen.findByRole('heading', { name: 'ダッシュボード' })).toBeInTheDocument();
    expect(screen.getByText('前回以降のログイン失敗 1回')).toBeInTheDocument();
    expect(await screen.findByTestId('disposal-due')).toHaveTextContent('2');
  });

  it('locks itself after the idle minutes and clears the screen', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.mocked(api.vaultState).mockResolvedValue({ path: '/tmp/x.kiroku', exists: true });
    vi.mocked(api.login).mockResolvedValue({
      user: { id: 'boss', name: '大塚 正道' },
      org_name: 'みどり広域事務組合',
      failed_logins: null,
    } as never);
    render(App);
    await fireEvent.input(await screen.findByLabelText('ユーザーID'), { target: { value: 'boss' } });
    await fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'pw' } });
    await fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));
    expect(await screen.findByRole('heading', { name: 'ダッシュボード' })).toBeInTheDocument();

    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(screen.getByRole('heading', { name: 'ダッシュボード' })).toBeInTheDocument();
    expect(screen.queryByTestId('lock-soon')).not.toBeInTheDocument();
    // 30 seconds before: a notice, the screen still there.
    await vi.advanceTimersByTimeAsync(31_000);
    expect(await screen.findByTestId('lock-soon')).toHaveTextContent('30秒後');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await screen.findByRole('heading', { name: 'ログイン' })).toBeInTheDocument();
    expect(screen.queryByText('みどり広域事務組合')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('しばらく操作がなかったため');
    expect(api.lock).toHaveBeenCalledOnce();
  });

  it('opens each user at their own 文字サイズ, and the login screen at the standard size', async () => {
    localStorage.setItem('kiroku.textSize:boss', 'large');
    vi.mocked(api.vaultState).mockResolvedValue({ path: '/tmp/x.kiroku', exists: true });
    vi.mocked(api.login).mockResolvedValue({
      user: { id: 'boss', name: '大塚 正道' },
      org_name: 'みどり広域事務組合',
      failed_logins: null,
      warnings: [],
    } as never);
    render(App);
    await fireEvent.input(await screen.findByLabelText('ユーザーID'), { target: { value: 'boss' } });
    await fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'pw' } });
    await fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));
    expect(await screen.findByRole('heading', { name: 'ダッシュボード' })).toBeInTheDocument();
    expect(document.documentElement.style.fontSize).toBe('118.75%');
    await fireEvent.click(screen.getByTestId('lock'));
    expect(await screen.findByLabelText('ユーザーID')).toBeInTheDocument();
    expect(document.documentElement.style.fontSize).toBe('100%');
    localStorage.clear();
  });

  it('opens the 操作マニュアル from 「ヘルプ」, and says so when it cannot', async () => {
    vi.mocked(api.vaultState).mockResolvedValue({ path: '/tmp/x.kiroku', exists: true });
    vi.mocked(api.login).mockResolvedValue({ user: { id: 'boss', name: '大塚 正道' }, org_name: 'みどり広域事務組合', failed_logins: null, warnings: [] } as never);
    vi.mocked(api.openManual)
      .mockResolvedValueOnce(null)
      .mockRejectedValueOnce(new IpcError({ code: 'not_found', message: '操作マニュアル（操作マニュアル.pdf）が見つかりません。', field: null }));
    render(App);
    await fireEvent.input(await screen.findByLabelText('ユーザーID'), { target: { value: 'boss' } });
    await fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'pw' } });
    await fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'ヘルプ' }));
    expect(api.openManual).toHaveBeenCalledOnce();
    await fireEvent.click(screen.getByRole('button', { name: 'ヘルプ' }));
    expect(await screen.findByText(/操作マニュアル（操作マニュアル.pdf）が見つかりません/)).toBeInTheDocument();
  });
});
