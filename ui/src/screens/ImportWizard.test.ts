import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import ImportWizard from './ImportWizard.svelte';
import Persons from './Persons.svelte';
import { api, IpcError } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const fields = [
  { key: 'staff_no', label: '社員番号', required: false },
  { key: 'dept', label: '所属', required: false },
  { key: 'name', label: '氏名', required: true },
  { key: 'kana', label: 'フリガナ', required: false },
  { key: 'born_on', label: '生年月日', required: false },
  { key: 'my_number', label: '個人番号', required: false },
];
const column = (letter: string, caption: string, key: string | null) => ({
  letter, caption, key, label: fields.find((f) => f.key === key)?.label ?? '取り込まない',
});
const mapping = {
  profile: 'staff', header_start: 0, header_end: 1,
  columns: ['staff_no', 'dept', 'name', 'kana', 'born_on', 'my_number'],
};
const preview = (over = {}) => ({
  kind: 'persons', file_name: '職員名簿.csv', source: 'CSV（UTF-8）', sha256: 'ab12', sheet: '職員名簿',
  columns: [
    column('A', '社員番号', 'staff_no'), column('B', '所属', 'dept'), column('C', '氏名', 'name'),
    column('D', 'フリガナ', 'kana'), column('E', '生年月日', 'born_on'), column('F', '個人番号', 'my_number'),
  ],
  mapping, fields,
  add: [{ row: 2, summary: '新井 一郎（総務課）' }, { row: 3, summary: '石田 花子（会計課）' }],
  update: [], skip: [{ row: 4, summary: '鈴木 彩（総務課）' }], refused: [], dropped_my_number: [],
  notices: ['個人番号の列（F列）は取り込みません。'],
  ...over,
});
const FILE = '/tmp/kiroku/職員名簿.csv';

beforeEach(() => {
  for (const f of Object.values(api)) vi.mocked(f).mockReset();
  vi.mocked(api.importProfiles).mockResolvedValue([] as never);
  vi.mocked(api.importPreview).mockResolvedValue(preview() as never);
  vi.mocked(api.importFile).mockResolvedValue({ batch: 3, added: 2, updated: 0, skipped: 1, preview: preview() } as never);
});

async function toPreview(onMatch: 'そのままにする' | '更新する' = 'そのままにする') {
  await fireEvent.input(screen.getByLabelText(/取り込むファイル/), { target: { value: FILE } });
  await fireEvent.click(screen.getByLabelText(onMatch));
  await fireEvent.click(screen.getByRole('button', { name: '確認する' }));
  return screen.findByTestId('import-preview');
}

describe('取り込み: the wizard', () => {
  it('imports a 台帳 or a 取扱記録表 when chosen (a log has no 「一致した行」 choice) and counts in 件', async () => {
    render(ImportWizard, { onClose: vi.fn() });
    await fireEvent.click(screen.getByLabelText(/取扱記録表/));
    expect(screen.queryByText('登録済みのものと一致した行')).toBeNull();
    await fireEvent.click(screen.getByLabelText(/管理台帳/));
    await fireEvent.input(screen.getByLabelText(/取り込むファイル/), { target: { value: FILE } });
    await fireEvent.click(screen.getByRole('button', { name: '確認する' }));
    await screen.findByTestId('import-preview');
    expect(api.importPreview).toHaveBeenCalledWith({
      kind: 'ledger', from: FILE, profile: null, mapping: null, on_match: 'skip', save_profile: null,
    });
    await fireEvent.click(screen.getByRole('button', { name: '取り込む' }));
    expect(await screen.findByTestId('import-done')).toHaveTextContent('2件を取り込みました（取り込み番号 3）');
  });

  it('shows the 個人番号 notice first, the columns as read and the rows, then imports with on_match', async () => {
    const onImported = vi.fn();
    render(ImportWizard, { onImported, onClose: vi.fn() });
    const step2 = await toPreview('更新する');
    expect(api.importPreview).toHaveBeenCalledWith({
      kind: 'persons', from: FILE, profile: null, mapping: null, on_match: 'update', save_profile: null,
    });
    const notice = within(step2).getByRole('alert', { name: '取り込みについての注意' });
    expect(notice).toHaveTextContent('個人番号の列（F列）は取り込みません。');
    // The notice comes before the columns and the rows.
    expect(notice.compareDocumentPosition(within(step2).getByRole('table', { name: '列の対応' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(step2).getByLabelText('C列（氏名）の取り込む項目')).toHaveValue('name');
    expect(within(step2).getByLabelText('F列（個人番号）の取り込む項目')).toHaveValue('my_number');
    expect(within(step2).getByTestId('import-counts')).toHaveTextContent('追加する: 2行');
    expect(within(step2).getByTestId('import-counts')).toHaveTextContent('変更なし: 1行');
    expect(within(step2).getByTestId('import-add')).toHaveTextContent('2行目新井 一郎（総務課）');

    await fireEvent.click(within(step2).getByRole('button', { name: '取り込む' }));
    expect(api.importFile).toHaveBeenCalledWith({
      kind: 'persons', from: FILE, profile: null, mapping, on_match: 'update', save_profile: null,
    });
    expect(await screen.findByTestId('import-done')).toHaveTextContent('2人を取り込みました（取り込み番号 3）');
    expect(onImported).toHaveBeenCalledOnce();
  });

  it('refuses to import while a row is refused, and says the file must be fixed', async () => {
    vi.mocked(api.importPreview).mockResolvedValue(preview({
      refused: [
        { row: 5, field: '生年月日', reason: '日付として読めません（「昭和六十年」）。' },
        { row: 5, field: '氏名', reason: '氏名がありません。' },
      ],
    }) as never);
    render(ImportWizard, { onClose: vi.fn() });
    const step2 = await toPreview();
    expect(within(step2).getByRole('button', { name: '取り込む' })).toBeDisabled();
    expect(within(step2).getByTestId('import-blocked')).toHaveTextContent('ファイルを直して保存してから');
    expect(within(step2).getByTestId('import-counts')).toHaveTextContent('取り込めない: 1行');
    const refused = within(step2).getByRole('table', { name: '取り込めない行' });
    const cells = within(refused).getAllByRole('row')[1];
    expect(cells).toHaveTextContent('5行目生年月日日付として読めません');
    await fireEvent.click(within(step2).getByRole('button', { name: '取り込む' }));
    expect(api.importFile).not.toHaveBeenCalled();
  });

  it('asks the preview again with the adjusted mapping when a column is taken as another field', async () => {
    render(ImportWizard, { onClose: vi.fn() });
    const step2 = await toPreview();
    const adjusted = { ...mapping, columns: ['staff_no', 'dept', 'name', null, 'born_on', 'my_number'] };
    vi.mocked(api.importPreview).mockResolvedValueOnce(preview({ mapping: adjusted, columns: [] }) as never);
    await fireEvent.change(within(step2).getByLabelText('D列（フリガナ）の取り込む項目'), { target: { value: '' } });
    expect(api.importPreview).toHaveBeenLastCalledWith({
      kind: 'persons', from: FILE, profile: null, mapping: adjusted, on_match: 'skip', save_profile: null,
    });
    // The import sends the mapping of the preview shown, and the name to save it under.
    await vi.waitFor(() => expect(within(step2).getByRole('button', { name: '取り込む' })).toBeEnabled());
    await fireEvent.click(within(step2).getByLabelText(/この列の対応を保存する/));
    await fireEvent.input(within(step2).getByLabelText('対応の名前'), { target: { value: '給与システムの職員名簿' } });
    await fireEvent.click(within(step2).getByRole('button', { name: '取り込む' }));
    expect(api.importFile).toHaveBeenCalledWith(expect.objectContaining({
      mapping: adjusted, on_match: 'skip', save_profile: '給与システムの職員名簿',
    }));
  });

  it('a refused mapping is said beside the columns, and nothing can be imported until it is fixed', async () => {
    render(ImportWizard, { onClose: vi.fn() });
    const step2 = await toPreview();
    vi.mocked(api.importPreview).mockRejectedValueOnce(new IpcError({
      code: 'invalid_input', field: '列の割り当て', message: '「氏名」が必要です。氏名の列を選んでください。',
    }));
    await fireEvent.change(within(step2).getByLabelText('C列（氏名）の取り込む項目'), { target: { value: '' } });
    expect(await within(step2).findByTestId('import-mapping-error')).toHaveTextContent('氏名の列を選んでください');
    expect(within(step2).getByRole('button', { name: '取り込む' })).toBeDisabled();
  });

  it('a file that cannot be read is said beside the file field', async () => {
    vi.mocked(api.importPreview).mockRejectedValue(new IpcError({
      code: 'invalid_input', field: '取り込むファイル', message: 'ファイルを読めません（No such file or directory）。ファイルの場所と名前を確かめてください。',
    }));
    render(ImportWizard, { onClose: vi.fn() });
    await fireEvent.input(screen.getByLabelText(/取り込むファイル/), { target: { value: '/tmp/nai.xlsx' } });
    await fireEvent.click(screen.getByRole('button', { name: '確認する' }));
    expect(await screen.findByText(/ファイルを読めません/)).toHaveAttribute('id', 'import-from-error');
    expect(screen.queryByTestId('import-preview')).not.toBeInTheDocument();
  });
});

describe('取り込み: from the 本人 screen', () => {
  it('opens the wizard, and the list is read again after an import', async () => {
    vi.mocked(api.persons).mockResolvedValue([] as never);
    render(Persons);
    await fireEvent.click(await screen.findByRole('button', { name: 'Excel・CSVから取り込む' }));
    await toPreview();
    await fireEvent.click(screen.getByRole('button', { name: '取り込む' }));
    await screen.findByTestId('import-done');
    await vi.waitFor(() => expect(api.persons).toHaveBeenCalledTimes(2));
    await fireEvent.click(screen.getByRole('button', { name: '閉じる' }));
    expect(screen.queryByTestId('import-wizard')).not.toBeInTheDocument();
  });
});
