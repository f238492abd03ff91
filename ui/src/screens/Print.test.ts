import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Print from './Print.svelte';
import { api } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

describe('printing', () => {
  beforeEach(() => {
    vi.mocked(api.preview).mockReset();
    vi.mocked(api.preview).mockRejectedValue(new Error('not in this test'));
    vi.mocked(api.ledger).mockResolvedValue([{ no: 2, name: '扶養控除等申告書' }] as never);
    vi.mocked(api.contractors).mockResolvedValue([{ id: 7 }] as never);
    vi.mocked(api.evaluationsOf).mockResolvedValue([
      { id: 31, contractor: { id: 7, name: '大分データサービス' }, made_on_label: '令和8年5月1日', re_evaluation: true },
    ] as never);
  });

  it('starts on this year’s 取扱記録表, with the previous year one click away', async () => {
    render(Print, { thisFy: '2026' });
    expect(screen.getByLabelText('帳票')).toHaveValue('lifecycle');
    await vi.waitFor(() => expect(screen.getByLabelText('年度')).toHaveValue('2026'));
    await fireEvent.click(screen.getByRole('button', { name: '前年度' }));
    expect(screen.getByLabelText('年度')).toHaveValue('2025');
    await fireEvent.click(screen.getByRole('button', { name: 'プレビュー' }));
    expect(vi.mocked(api.preview).mock.calls[0]?.[0]).toMatchObject({ form: 'lifecycle', query: { fy: '2025' } });
    await fireEvent.click(screen.getByRole('button', { name: '今年度' }));
    expect(screen.getByLabelText('年度')).toHaveValue('2026');
  });

  it('chooses the 台帳 file and the evaluation sheet from lists, not by typing an ID', async () => {
    render(Print, { thisFy: '2026' });
    const file = screen.getByLabelText('特定個人情報ファイル');
    await vi.waitFor(() => expect(file).toHaveTextContent('NO.2 扶養控除等申告書'));
    await fireEvent.change(file, { target: { value: '2' } });
    await fireEvent.change(screen.getByLabelText('帳票'), { target: { value: 'evaluation' } });
    const sheet = screen.getByLabelText('評価シート');
    await vi.waitFor(() => expect(sheet).toHaveTextContent('大分データサービス 令和8年5月1日（再評価）'));
    await fireEvent.change(sheet, { target: { value: '31' } });
    await fireEvent.click(screen.getByRole('button', { name: 'プレビュー' }));
    expect(vi.mocked(api.preview).mock.calls[0]?.[0]).toMatchObject({ form: 'evaluation', evaluation: 31, query: { file: 2 } });
  });
});
