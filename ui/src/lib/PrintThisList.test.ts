import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import PrintThisList from './PrintThisList.svelte';
import App from '../App.svelte';
import { api } from './ipc';

vi.mock('./ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('./ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

describe('この一覧を印刷', () => {
  beforeEach(() => {
    for (const f of Object.values(api)) vi.mocked(f).mockReset();
  });

  it('hands its preset to the way it is given', async () => {
    const onPrint = vi.fn();
    render(PrintThisList, { preset: { form: 'ledger' }, onPrint });
    await fireEvent.click(screen.getByRole('button', { name: 'この一覧を印刷' }));
    expect(onPrint).toHaveBeenCalledWith({ form: 'ledger' });
  });

  it('is disabled outside the app, where there is no 印刷 screen', () => {
    render(PrintThisList, { preset: { form: 'ledger' }, label: '台帳を印刷' });
    expect(screen.getByRole('button', { name: '台帳を印刷' })).toBeDisabled();
  });

  it('takes the user from the 取扱記録 list to the 印刷 screen with the list’s form and filters', async () => {
    vi.mocked(api.vaultState).mockResolvedValue({ path: '/tmp/x.kiroku', exists: true });
    vi.mocked(api.login).mockResolvedValue({ user: { id: 'boss', name: '大塚 正道' }, org_name: 'みどり広域事務組合', failed_logins: null, warnings: [] } as never);
    vi.mocked(api.today).mockResolvedValue({ date: '2026-04-01', date_label: '令和8年4月1日', fy: '2026', fy_label: '令和8年度' });
    vi.mocked(api.settings).mockResolvedValue({ date_style: 'wareki', date_style_label: '和暦', auto_lock_minutes: 5, body_kind: 'jimukumiai', body_kind_label: '一部事務組合・広域連合', backup_every_days: 30, check_by_month: 5 });
    vi.mocked(api.dashboard).mockReturnValue(new Promise(() => {}));
    vi.mocked(api.events).mockResolvedValue([]);
    vi.mocked(api.eventForms).mockResolvedValue([{ kind: 'acquire', label: '取得', fields: [] }] as never);
    vi.mocked(api.ledger).mockResolvedValue([]);
    vi.mocked(api.users).mockResolvedValue([]);
    vi.mocked(api.preview).mockReturnValue(new Promise(() => {}));
    render(App);
    await fireEvent.input(await screen.findByLabelText('ユーザーID'), { target: { value: 'boss' } });
    await fireEvent.input(screen.getByLabelText('パスワード'), { target: { value: 'pw' } });
    await fireEvent.click(screen.getByRole('button', { name: 'ログイン' }));
    await fireEvent.click(await screen.findByRole('button', { name: '取扱記録' }));
    const kind = await screen.findByLabelText('種別');
    await vi.waitFor(() => expect(kind).toHaveTextContent('取得'));
    await fireEvent.change(kind, { target: { value: 'acquire' } });
    await fireEvent.click(screen.getByRole('button', { name: 'この一覧を印刷' }));

    expect(await screen.findByRole('heading', { name: '印刷' })).toBeInTheDocument();
    expect(screen.getByLabelText('記録票')).toHaveValue('chronological');
    expect(screen.getByLabelText('年度')).toHaveValue('2026');
    expect(screen.getByTestId('print-narrowed')).toHaveTextContent('種別: 取得');
    expect(vi.mocked(api.preview).mock.calls[0]?.[0]).toMatchObject({ form: 'chronological', query: { fy: '2026', kind: 'acquire' } });

    // The 台帳 list opens the 管理台帳.
    await fireEvent.click(screen.getByRole('button', { name: '管理台帳' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'この一覧を印刷' }));
    expect(await screen.findByRole('heading', { name: '印刷' })).toBeInTheDocument();
    expect(screen.getByLabelText('記録票')).toHaveValue('ledger');
  });
});
