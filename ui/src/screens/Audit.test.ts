import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Audit from './Audit.svelte';
import { api, IpcError } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const row = (seq: number, actor_name: string, summary: string) => ({
  seq, at: '2026-11-30T01:00:00Z', at_label: '令和8年11月30日 10:00', actor: 'sato', actor_name,
  action: 'amend', action_label: '変更', target: 'ledger:1', target_label: '管理台帳 NO.1', summary, detail: '理由: 名称の誤り', hash: 'ab',
});
const page = (rows: ReturnType<typeof row>[], total = rows.length) => ({
  rows, total,
  users: [{ value: 'sato', label: '佐藤 美咲（sato）' }, { value: 'kato', label: '加藤 健（kato）' }],
  kinds: [{ value: 'event', label: '取扱記録' }, { value: 'ledger', label: '管理台帳' }],
});

describe('監査ログ', () => {
  beforeEach(() => {
    for (const f of Object.values(api)) vi.mocked(f).mockReset();
  });

  it('shows who did what in words, not IDs', async () => {
    vi.mocked(api.auditSearch).mockResolvedValue(page([row(12, '佐藤 美咲', '管理台帳 NO.1 を訂正')]) as never);
    render(Audit);
    const shown = await screen.findByTestId('audit-row');
    expect(shown).toHaveTextContent('佐藤 美咲');
    expect(shown).toHaveTextContent('管理台帳 NO.1 を訂正');
    expect(shown).not.toHaveTextContent('ledger:1');
    expect(shown).not.toHaveTextContent(/\bsato\b/);
  });

  it('narrows by 利用者, 種別 and 期間, and writes out what it shows', async () => {
    vi.mocked(api.auditSearch).mockResolvedValue(page([row(3, '佐藤 美咲', 'a')], 5000) as never);
    vi.mocked(api.exportList).mockResolvedValue({ list: 'audit', title: '監査ログ', format: 'xlsx', path: '/v/書き出し/監査ログ.xlsx', rows: 1, bytes: 10 } as never);
    render(Audit);
    expect(await screen.findByTestId('audit-count')).toHaveTextContent('5000件（新しい1件を表示）');
    await fireEvent.change(screen.getByTestId('audit-user'), { target: { value: 'sato' } });
    await fireEvent.change(screen.getByTestId('audit-kind'), { target: { value: 'ledger' } });
    await fireEvent.input(screen.getByLabelText('開始日'), { target: { value: 'R8.4.1' } });
    await fireEvent.input(screen.getByLabelText('終了日'), { target: { value: 'R8.11.30' } });
    await fireEvent.click(screen.getByRole('button', { name: '絞り込む' }));
    await vi.waitFor(() =>
      expect(api.auditSearch).toHaveBeenLastCalledWith({ user: 'sato', kind: 'ledger', from: 'R8.4.1', to: 'R8.11.30', limit: null }),
    );
    await fireEvent.click(screen.getByTestId('export-this-list'));
    await vi.waitFor(() => expect(api.exportList).toHaveBeenCalledOnce());
    expect(vi.mocked(api.exportList).mock.calls[0]?.[0]).toMatchObject({
      list: 'audit',
      audit: { user: 'sato', kind: 'ledger', from: 'R8.4.1', to: 'R8.11.30' },
    });
    await fireEvent.click(screen.getByRole('button', { name: '条件を消す' }));
    await vi.waitFor(() =>
      expect(api.auditSearch).toHaveBeenLastCalledWith({ user: null, kind: null, from: null, to: null, limit: null }),
    );
  });

  it('names the date field that was refused and keeps the list shown', async () => {
    vi.mocked(api.auditSearch).mockResolvedValueOnce(page([row(3, '佐藤 美咲', '管理台帳 NO.1 を訂正')]) as never);
    render(Audit);
    await screen.findByTestId('audit-row');
    vi.mocked(api.auditSearch).mockRejectedValueOnce(
      new IpcError({ code: 'invalid_input', message: '日付として読めません。例: 令和8年4月1日', field: '開始日' }),
    );
    await fireEvent.input(screen.getByLabelText('開始日'), { target: { value: 'あした' } });
    await fireEvent.click(screen.getByRole('button', { name: '絞り込む' }));
    expect(await screen.findByText(/開始日: 日付として読めません/)).toBeInTheDocument();
    expect(screen.getByTestId('audit-row')).toHaveTextContent('管理台帳 NO.1 を訂正');
  });
});
