import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Print from './Print.svelte';
import { api } from '../lib/ipc';
import { renderPages } from '../lib/printPages';

vi.mock('../lib/printPages', () => ({ renderPages: vi.fn(), whenLoaded: vi.fn(async () => {}), PRINT_DPI: 200 }));

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
    expect(screen.getByLabelText('記録票')).toHaveValue('lifecycle');
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
    await fireEvent.change(screen.getByLabelText('記録票'), { target: { value: 'evaluation' } });
    const sheet = screen.getByLabelText('評価シート');
    await vi.waitFor(() => expect(sheet).toHaveTextContent('大分データサービス 令和8年5月1日（再評価）'));
    await fireEvent.change(sheet, { target: { value: '31' } });
    await fireEvent.click(screen.getByRole('button', { name: 'プレビュー' }));
    expect(vi.mocked(api.preview).mock.calls[0]?.[0]).toMatchObject({ form: 'evaluation', evaluation: 31, query: { file: 2 } });
  });
});

describe('印刷する', () => {
  // What renderPages gives: A4 portrait sheets (a 横 form comes turned).
  const a4 = (n: number) => ({ src: `data:image/png;base64,page${n}`, widthMm: 210, heightMm: 297 });

  beforeEach(() => {
    vi.mocked(api.printDialog).mockReset();
    vi.mocked(api.preview).mockReset();
    vi.mocked(api.preview).mockRejectedValue(new Error('not in this test'));
    vi.mocked(api.ledger).mockResolvedValue([]);
    vi.mocked(renderPages).mockReset();
  });

  it('hands the chosen form to the print dialog in one step, one image per page', async () => {
    const pdf = new ArrayBuffer(8);
    vi.mocked(api.printDialog).mockResolvedValue(pdf);
    vi.mocked(renderPages).mockImplementation(async (_pdf, progress) => {
      progress?.(3, 3);
      return [a4(1), a4(2), a4(3)];
    });
    let layer: Element | null = null;
    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      // What the dialog prints, at the moment it opens.
      layer = document.querySelector('body > .print-layer');
      expect(document.body).toHaveClass('printing-form');
    });
    render(Print, { thisFy: '2026' });
    await vi.waitFor(() => expect(screen.getByLabelText('年度')).toHaveValue('2026'));
    await fireEvent.click(screen.getByRole('button', { name: '印刷する' }));
    await vi.waitFor(() => expect(print).toHaveBeenCalledOnce());
    expect(vi.mocked(api.printDialog).mock.calls[0]?.[0]).toMatchObject({ form: 'lifecycle', query: { fy: '2026' } });
    expect(vi.mocked(renderPages).mock.calls[0]?.[0]).toBe(pdf);
    expect(api.print).not.toHaveBeenCalled();
    const images = [...(layer as Element | null)?.querySelectorAll('img') ?? []];
    expect(images.map((i) => i.getAttribute('src'))).toEqual([a4(1).src, a4(2).src, a4(3).src]);
    expect(images[0]?.getAttribute('style')).toContain('width: 195.3mm; height: 276.2mm');
    const rule = [...document.head.querySelectorAll('style')].map((s) => s.textContent).join('');
    expect(rule).toContain('@page { size: 210.0mm 297.0mm; margin: 0; }');
    expect(await screen.findByTestId('print-sent')).toHaveTextContent('取扱記録表（別紙1）（3ページ）を印刷ダイアログに送りました。');
    print.mockRestore();
  });

  it('says why when the form cannot be made, and opens no dialog', async () => {
    const { IpcError } = await import('../lib/ipc');
    vi.mocked(api.printDialog).mockRejectedValue(new IpcError({ code: 'invalid_input', message: '年度を確認してください。', field: null }));
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    render(Print, { thisFy: '2026' });
    await fireEvent.click(screen.getByRole('button', { name: '印刷する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('年度を確認してください。');
    expect(print).not.toHaveBeenCalled();
    expect(document.querySelector('.print-layer')).toBeNull();
    print.mockRestore();
  });

  it('opens on a list’s form and filters and previews it at once', async () => {
    render(Print, {
      thisFy: '2026',
      preset: { form: 'chronological', query: { fy: 'R7', kind: 'acquire' }, note: '種別: 取得' },
    });
    expect(screen.getByLabelText('記録票')).toHaveValue('chronological');
    expect(screen.getByLabelText('年度')).toHaveValue('R7');
    expect(screen.getByTestId('print-narrowed')).toHaveTextContent('種別: 取得');
    expect(vi.mocked(api.preview).mock.calls[0]?.[0]).toMatchObject({ form: 'chronological', query: { fy: 'R7', kind: 'acquire' } });
    await fireEvent.click(screen.getByRole('button', { name: '絞り込みを外す' }));
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'プレビュー' })).toBeEnabled());
    await fireEvent.click(screen.getByRole('button', { name: 'プレビュー' }));
    expect(vi.mocked(api.preview).mock.calls[1]?.[0]).toMatchObject({ query: { fy: 'R7', kind: null } });
  });
});
