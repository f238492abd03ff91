import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import ExportThisList from './ExportThisList.svelte';
import Events from '../screens/Events.svelte';
import Disposal from '../screens/Disposal.svelte';
import Persons from '../screens/Persons.svelte';
import { api, IpcError } from './ipc';

vi.mock('./ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('./ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const written = (over = {}) => ({
  list: 'chronological', title: '運用状況記録票', format: 'xlsx',
  path: '/srv/office/書き出し/運用状況記録票_20260401-0930.xlsx', rows: 42, bytes: 9120, ...over,
});
const noFilter = { fy: null, from: null, to: null, person: null, affair: null, kind: null, file: null };

beforeEach(() => {
  for (const f of Object.values(api)) vi.mocked(f).mockReset();
  vi.mocked(api.exportList).mockResolvedValue(written() as never);
  vi.mocked(api.openFile).mockResolvedValue(null as never);
});

describe('Excelに書き出す', () => {
  it('writes the list with its filters, in Excel by default, and says how many rows went where', async () => {
    render(ExportThisList, { list: 'ledger', query: { fy: 'R7' } });
    expect(screen.getByLabelText('形式')).toHaveValue('xlsx');
    await fireEvent.click(screen.getByRole('button', { name: 'Excelに書き出す' }));
    expect(api.exportList).toHaveBeenCalledWith({ list: 'ledger', format: 'xlsx', query: { ...noFilter, fy: 'R7' }, out: '' });
    expect(await screen.findByRole('status')).toHaveTextContent(
      '42行を書き出しました: /srv/office/書き出し/運用状況記録票_20260401-0930.xlsx',
    );
    await fireEvent.click(screen.getByRole('button', { name: '開く' }));
    expect(api.openFile).toHaveBeenCalledWith('/srv/office/書き出し/運用状況記録票_20260401-0930.xlsx');
  });

  it('offers CSV in UTF-8 and in Shift_JIS', async () => {
    render(ExportThisList, { list: 'persons' });
    const format = screen.getByLabelText('形式');
    expect(within(format).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Excel（.xlsx）', 'CSV（UTF-8）', 'CSV（Shift_JIS）',
    ]);
    await fireEvent.change(format, { target: { value: 'csv-sjis' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Excelに書き出す' }));
    expect(vi.mocked(api.exportList).mock.calls[0]?.[0]).toMatchObject({ list: 'persons', format: 'csv-sjis', query: noFilter });
  });

  it('writes another list of the screen with the same format choice (委託先 and 評価シート)', async () => {
    render(ExportThisList, {
      list: 'contractors', label: '委託先の一覧をExcelに', more: [{ list: 'evaluations', label: '評価シートの一覧をExcelに' }],
    });
    expect(screen.getAllByLabelText('形式')).toHaveLength(1);
    await fireEvent.change(screen.getByLabelText('形式'), { target: { value: 'csv' } });
    await fireEvent.click(screen.getByRole('button', { name: '評価シートの一覧をExcelに' }));
    expect(api.exportList).toHaveBeenCalledWith({ list: 'evaluations', format: 'csv', query: noFilter, out: '' });
    expect(await screen.findAllByRole('status')).toHaveLength(1);
  });

  it('shows a refusal in Japanese, and no result', async () => {
    vi.mocked(api.exportList).mockRejectedValue(
      new IpcError({ code: 'invalid_input', field: '出力先', message: 'ファイルを保存できません（Permission denied）。保存先を確認してください。Excel で開いている場合は閉じてください。' }),
    );
    render(ExportThisList, { list: 'audit' });
    await fireEvent.click(screen.getByRole('button', { name: 'Excelに書き出す' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Excel で開いている場合は閉じてください');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('on 取扱記録, sends the 年度 and 種別 the list is filtered by; the 取扱記録表 its 年度', async () => {
    vi.mocked(api.events).mockResolvedValue([] as never);
    vi.mocked(api.eventForms).mockResolvedValue([{ kind: 'acquire', label: '取得', fields: [] }] as never);
    render(Events, { today: '令和8年4月1日', fy: '2026' });
    const kind = await screen.findByLabelText('種別');
    await vi.waitFor(() => expect(kind).toHaveTextContent('取得'));
    await fireEvent.change(kind, { target: { value: 'acquire' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Excelに書き出す' }));
    expect(api.exportList).toHaveBeenLastCalledWith({
      list: 'chronological', format: 'xlsx', query: { ...noFilter, fy: '2026', kind: 'acquire' }, out: '',
    });
    await fireEvent.click(screen.getByRole('button', { name: '取扱記録表をExcelに' }));
    expect(api.exportList).toHaveBeenLastCalledWith({
      list: 'lifecycle', format: 'xlsx', query: { ...noFilter, fy: '2026' }, out: '',
    });
  });

  it('on 保存文書・廃棄, sends the 年度 shown (前年度 after the switch), and writes the 保存文書 list too', async () => {
    vi.mocked(api.schedule).mockImplementation(async (fy) => {
      const year = fy === null ? 2026 : Number(fy);
      return { fy: year, fy_label: `令和${year - 2018}年度`, headline: '0件', overdue: [], due: [], upcoming: [], awaiting_certificate: [] } as never;
    });
    for (const f of [api.users, api.contractors, api.eventForms, api.documents, api.ledger, api.rules]) {
      vi.mocked(f).mockResolvedValue([] as never);
    }
    render(Disposal, { today: '令和8年4月1日' });
    await screen.findByTestId('schedule-headline');
    await fireEvent.click(screen.getByRole('button', { name: '前年度' }));
    await vi.waitFor(() => expect(screen.getByTestId('schedule-headline')).toHaveTextContent('令和7年度'));
    const disposal = screen.getAllByRole('group', { name: 'Excelに書き出す' })[0];
    if (!disposal) throw new Error('no export on the disposal list');
    await fireEvent.click(within(disposal).getByRole('button', { name: 'Excelに書き出す' }));
    expect(api.exportList).toHaveBeenLastCalledWith(expect.objectContaining({ list: 'disposal', query: { ...noFilter, fy: '2025' } }));
    const documents = screen.getAllByRole('group', { name: 'Excelに書き出す' })[1];
    if (!documents) throw new Error('no export on the 保存文書 list');
    await fireEvent.click(within(documents).getByRole('button', { name: 'Excelに書き出す' }));
    expect(api.exportList).toHaveBeenLastCalledWith(expect.objectContaining({ list: 'documents', query: noFilter }));
  });

  it('on 本人, writes the persons list', async () => {
    vi.mocked(api.persons).mockResolvedValue([] as never);
    render(Persons);
    await fireEvent.click(await screen.findByRole('button', { name: 'Excelに書き出す' }));
    expect(vi.mocked(api.exportList).mock.calls[0]?.[0]).toMatchObject({ list: 'persons', format: 'xlsx' });
  });
});
