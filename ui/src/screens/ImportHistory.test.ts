import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import ImportHistory from './ImportHistory.svelte';
import { api, IpcError } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const batch = (over = {}) => ({
  id: 2, kind: 'persons', kind_label: '本人・扶養家族', file_name: '職員名簿.xlsx', sha256: 'ab',
  added: 40, updated: 1, skipped: 0, imported_at: '2026-04-01T00:00:00Z',
  imported_at_label: '令和8年4月1日 9:00', imported_by: 'boss', withdrawn: false, withdraw_reason: null,
  ...over,
});

beforeEach(() => {
  for (const f of Object.values(api)) vi.mocked(f).mockReset();
});

describe('取り込み履歴', () => {
  it('lists each import with its time and counts, and a withdrawn one with its reason and no button', async () => {
    vi.mocked(api.importBatches).mockResolvedValue([
      batch(),
      batch({ id: 1, kind: 'ledger', kind_label: '管理台帳', file_name: '台帳.xlsx', withdrawn: true, withdraw_reason: '別の事務所の台帳' }),
    ] as never);
    render(ImportHistory, { onClose: vi.fn() });
    const [, first, second, ...rest] = await screen.findAllByRole('row');
    expect(first && second && rest.length === 0).toBe(true);
    const rows = [undefined, first as HTMLElement, second as HTMLElement] as const;
    expect(within(rows[1]).getByText('令和8年4月1日 9:00')).toBeTruthy();
    expect(within(rows[1]).getByText('追加 40・更新 1・変更なし 0')).toBeTruthy();
    expect(within(rows[1]).getByRole('button', { name: 'この取り込みを取り消す' })).toBeTruthy();
    expect(within(rows[2]).getByText('別の事務所の台帳')).toBeTruthy();
    expect(within(rows[2]).queryByRole('button')).toBeNull();
  });

  it('asks for a reason, says what the withdrawal does, sends it, and shows a refusal without closing', async () => {
    vi.mocked(api.importBatches).mockResolvedValue([batch()] as never);
    const onWithdrawn = vi.fn();
    render(ImportHistory, { onClose: vi.fn(), onWithdrawn });
    await fireEvent.click(await screen.findByRole('button', { name: 'この取り込みを取り消す' }));
    const confirm = screen.getByTestId('import-withdraw-confirm');
    expect(confirm.textContent).toContain('取り込み前の内容に戻ります');
    await fireEvent.click(within(confirm).getByRole('button', { name: '取り消す' }));
    expect(api.withdrawImport).not.toHaveBeenCalled();
    expect(confirm.textContent).toContain('取消しには理由が必要です');

    vi.mocked(api.withdrawImport).mockRejectedValueOnce(
      new IpcError({ code: 'conflict', message: 'この取り込みで登録した本人・扶養家族を使う取扱記録が 3件、帳票が 0件 あります。', field: null }),
    );
    await fireEvent.input(within(confirm).getByLabelText(/取消しの理由/), { target: { value: '前年の名簿だった' } });
    await fireEvent.click(within(confirm).getByRole('button', { name: '取り消す' }));
    expect(await within(confirm).findByText(/取扱記録が 3件/)).toBeTruthy();
    expect(onWithdrawn).not.toHaveBeenCalled();

    vi.mocked(api.withdrawImport).mockResolvedValueOnce(batch({ withdrawn: true, withdraw_reason: '前年の名簿だった' }) as never);
    vi.mocked(api.importBatches).mockResolvedValue([batch({ withdrawn: true, withdraw_reason: '前年の名簿だった' })] as never);
    await fireEvent.click(within(confirm).getByRole('button', { name: '取り消す' }));
    expect(await screen.findByText(/取り込み番号 2（職員名簿.xlsx）を取り消しました/)).toBeTruthy();
    expect(api.withdrawImport).toHaveBeenLastCalledWith({ batch: 2, reason: '前年の名簿だった' });
    expect(onWithdrawn).toHaveBeenCalled();
    expect(screen.queryByTestId('import-withdraw-confirm')).toBeNull();
  });
});
