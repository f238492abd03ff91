import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Ledger from './Ledger.svelte';
import { api, IpcError } from '../lib/ipc';
import { lockAndLogIn, openDetails } from '../lib/lockTesting';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const input = {
  name: '給与所得の源泉徴収票', scope: '職員の個人番号・氏名', dept: '総務課', owner: 'otsuka',
  handlers: ['sato'], purpose: '源泉徴収票の作成', retention: '翌年1月10日の翌日から7年',
  disposal: 'shred', location: '書庫A', electronic: false,
};
const version = (v: number, over = {}) => ({
  no: 1, version: v, amended: v > 1, ...input, owner: { id: 'otsuka', name: '大塚 一郎' },
  handlers: [{ id: 'sato', name: '佐藤 美咲' }], retention_rule: null, disposal: 'シュレッダー',
  disposal_status: '', medium: 'paper', medium_label: '紙', reason: v > 1 ? '書庫の移転' : null,
  entered_at: '2026-04-01T00:00:00Z', entered_at_label: '令和8年4月1日 9:00:00', entered_by: 'otsuka', input: { ...input }, ...over,
});

describe('管理台帳', () => {
  beforeEach(() => {
    for (const f of Object.values(api)) vi.mocked(f).mockReset();
    vi.mocked(api.ledger).mockResolvedValue([version(1)] as never);
    vi.mocked(api.users).mockResolvedValue([{ id: 'otsuka', name: '大塚 一郎' }, { id: 'sato', name: '佐藤 美咲' }] as never);
    vi.mocked(api.eventForms).mockResolvedValue([]);
    vi.mocked(api.ledgerHistory).mockResolvedValue([version(1)] as never);
  });

  it('corrects an entry: sends only the changed field and the reason, then shows the new version', async () => {
    const v2 = version(2, { location: '書庫B', input: { ...input, location: '書庫B' } });
    vi.mocked(api.amendLedgerEntry).mockResolvedValue(v2 as never);
    render(Ledger);
    await fireEvent.click(await screen.findByRole('button', { name: '1' }));
    const form = await screen.findByRole('region', { name: '台帳の訂正と履歴' });
    expect(within(form).getByLabelText(/保管場所/)).toHaveValue('書庫A');
    await fireEvent.input(within(form).getByLabelText(/保管場所/), { target: { value: '書庫B' } });
    await fireEvent.input(within(form).getByLabelText(/訂正の理由/), { target: { value: '書庫の移転' } });
    vi.mocked(api.ledgerHistory).mockResolvedValue([version(1), v2] as never);
    await fireEvent.click(within(form).getByRole('button', { name: '訂正を保存' }));
    expect(api.amendLedgerEntry).toHaveBeenCalledWith({
      no: 1,
      reason: '書庫の移転',
      changes: {
        name: null, scope: null, dept: null, owner: null, handlers: null, purpose: null,
        retention: null, disposal: null, location: '書庫B', electronic: null,
      },
    });
    expect(await screen.findByText(/「給与所得の源泉徴収票」を訂正しました（第2版）/)).toBeInTheDocument();
    expect(await within(form).findByText(/第2版 令和8年4月1日 9:00:00 .*書庫B.*理由: 書庫の移転/)).toBeInTheDocument();
  });

  it('shows a refusal beside the field it names, and keeps what was typed', async () => {
    vi.mocked(api.amendLedgerEntry).mockRejectedValue(
      new IpcError({ code: 'invalid_input', message: '訂正には理由が必要です。', field: '訂正の理由' }),
    );
    render(Ledger);
    await fireEvent.click(await screen.findByRole('button', { name: '1' }));
    const form = await screen.findByRole('region', { name: '台帳の訂正と履歴' });
    await fireEvent.input(within(form).getByLabelText(/保管場所/), { target: { value: '書庫C' } });
    await fireEvent.click(within(form).getByRole('button', { name: '訂正を保存' }));
    const reason = within(form).getByLabelText(/訂正の理由/);
    expect(await within(form).findByRole('alert')).toHaveTextContent('訂正には理由が必要です。');
    expect(reason.closest('.field')).toHaveClass('invalid');
    expect(within(form).getByLabelText(/保管場所/)).toHaveValue('書庫C');
  });

  it('puts a message about a field the form does not show on its general line', async () => {
    vi.mocked(api.amendLedgerEntry).mockRejectedValue(
      new IpcError({ code: 'invalid_input', message: '変更する項目がありません。', field: '訂正内容' }),
    );
    render(Ledger);
    await fireEvent.click(await screen.findByRole('button', { name: '1' }));
    const form = await screen.findByRole('region', { name: '台帳の訂正と履歴' });
    await fireEvent.input(within(form).getByLabelText(/訂正の理由/), { target: { value: '確認' } });
    await fireEvent.click(within(form).getByRole('button', { name: '訂正を保存' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('変更する項目がありません。');
    expect(alert).toHaveClass('error');
  });

  describe('across the lock', () => {
    it('gives the same user the correction being typed, with its reason, and the new entry', async () => {
      const view = render(Ledger);
      await fireEvent.click(await screen.findByRole('button', { name: '1' }));
      const form = await screen.findByRole('region', { name: '台帳の訂正と履歴' });
      await fireEvent.input(within(form).getByLabelText(/保管場所/), { target: { value: '書庫B' } });
      await fireEvent.input(within(form).getByLabelText(/訂正の理由/), { target: { value: '書庫の移転' } });
      await openDetails('台帳に登録する');
      await fireEvent.input(screen.getByLabelText(/名称/, { selector: '#ledger-name' }), { target: { value: '扶養控除等申告書' } });
      expect(lockAndLogIn(view, 'ledger', 'kato')).toBe('ledger');

      render(Ledger);
      const back = await screen.findByRole('region', { name: '台帳の訂正と履歴' });
      expect(within(back).getByLabelText(/保管場所/)).toHaveValue('書庫B');
      expect(within(back).getByLabelText(/訂正の理由/)).toHaveValue('書庫の移転');
      expect(screen.getByLabelText(/名称/, { selector: '#ledger-name' })).toHaveValue('扶養控除等申告書');
      expect(screen.getByText('台帳に登録する').closest('details')).toHaveAttribute('open');
    });

    it('gives another user the ledger with nothing open', async () => {
      const view = render(Ledger);
      await fireEvent.click(await screen.findByRole('button', { name: '1' }));
      const form = await screen.findByRole('region', { name: '台帳の訂正と履歴' });
      await fireEvent.input(within(form).getByLabelText(/訂正の理由/), { target: { value: '書庫の移転' } });
      expect(lockAndLogIn(view, 'ledger', 'sato')).toBeNull();

      render(Ledger);
      await screen.findByRole('button', { name: '1' });
      expect(screen.queryByRole('region', { name: '台帳の訂正と履歴' })).toBeNull();
    });
  });
});
