import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import EventEntry from './EventEntry.svelte';
import { api, IpcError } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const forms = [
  {
    kind: 'acquire',
    label: '取得',
    fields: [
      { key: 'source', label: '取得元', input: 'choice', required: true, choices: [{ id: 'person', label: '本人' }] },
      { key: 'method', label: '本人確認方法', input: 'choice', required: true, choices: [{ id: 'mynumber_card', label: '個人番号カード' }] },
      { key: 'content', label: '内容', input: 'text', required: false, choices: [] },
    ],
  },
  {
    kind: 'delete',
    label: '削除',
    fields: [
      { key: 'content', label: '削除したもの', input: 'text', required: true, choices: [] },
      { key: 'witness', label: '確認者', input: 'user', required: true, choices: [] },
    ],
  },
];
const staff = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  kind: 'staff',
  kind_label: '職員等',
  name: `職員${id}`,
  kana: `ショクイン ${id}`,
  dept: '総務課',
  employer: null,
  left_on: null,
  dependents: [] as { id: number; name: string; relation: string; left_on: string | null }[],
  ...over,
});
const persons = [
  staff(1, { dependents: [{ id: 11, name: '職員1 花子', relation: '妻', left_on: null }, { id: 12, name: '職員1 一郎', relation: '子', left_on: '2025-12-31' }] }),
  staff(2),
  staff(3, { dept: '業務課' }),
];
const props = (over = {}) => ({
  forms,
  persons,
  affairs: [{ id: 1, name: '給与所得の源泉徴収票作成事務', basis: null }],
  users: [{ id: 'sato', name: '佐藤 美咲' }],
  today: '2026-04-01',
  onSaved: vi.fn(),
  onCancel: vi.fn(),
  ...over,
});

/** Types `name` into the 本人 search and takes the first suggestion with Enter. */
async function choose(name: string) {
  const search = screen.getByRole('combobox', { name: '本人' });
  await fireEvent.input(search, { target: { value: name } });
  await fireEvent.keyDown(search, { key: 'Enter' });
}

describe('quick entry', () => {
  beforeEach(() => {
    for (const f of Object.values(api)) vi.mocked(f).mockReset();
  });

  it('shows only the fields of the chosen kind', async () => {
    render(EventEntry, props() as never);
    expect(screen.getByLabelText(/取得元/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/確認者/)).not.toBeInTheDocument();
    await fireEvent.change(screen.getByLabelText('種別'), { target: { value: 'delete' } });
    expect(screen.getByLabelText(/確認者/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/取得元/)).not.toBeInTheDocument();
  });

  it('saves a batch for the persons chosen in the picker, with Enter outside it', async () => {
    vi.mocked(api.addEvents).mockResolvedValue([{ id: 7 }, { id: 8 }, { id: 9 }] as never);
    const p = props();
    render(EventEntry, p as never);
    for (const id of [1, 2, 3]) await choose(`職員${id}`);
    expect(screen.getByText(/3人を選択/)).toBeInTheDocument();
    expect(api.addEvents).not.toHaveBeenCalled();
    await fireEvent.keyDown(screen.getByLabelText(/日付/), { key: 'Enter' });
    expect(api.addEvents).toHaveBeenCalledOnce();
    expect(vi.mocked(api.addEvents).mock.calls[0]?.[0].persons).toEqual([1, 2, 3]);
    await vi.waitFor(() => expect(p.onSaved).toHaveBeenCalledWith([7, 8, 9]));
  });

  it('never saves on Enter in the picker: not in its search box, not on a chip, not on a family box', async () => {
    render(EventEntry, props() as never);
    const search = screen.getByRole('combobox', { name: '本人' });
    // Enter with nothing typed adds nobody and saves nothing.
    await fireEvent.keyDown(search, { key: 'Enter' });
    expect(screen.getByText(/0人を選択/)).toBeInTheDocument();
    // Enter on a suggestion adds it as a chip.
    await fireEvent.input(search, { target: { value: 'しょくいん1' } });
    await fireEvent.keyDown(search, { key: 'Enter' });
    expect(screen.getByText(/1人を選択/)).toBeInTheDocument();
    // Enter again with no match left.
    await fireEvent.input(search, { target: { value: 'いない人' } });
    expect(screen.getByText('該当する人はいません')).toBeInTheDocument();
    await fireEvent.keyDown(search, { key: 'Enter' });
    // On the chip's remove button and on a 扶養家族 box.
    await fireEvent.keyDown(screen.getByRole('button', { name: '職員1を外す' }), { key: 'Enter' });
    await fireEvent.keyDown(screen.getByLabelText(/職員1 花子（妻）/), { key: 'Enter' });
    // Nor on the 所属 choice.
    await fireEvent.keyDown(screen.getByLabelText('所属'), { key: 'Enter' });
    expect(api.addEvents).not.toHaveBeenCalled();
  });

  it('records each 扶養家族 ticked under a 本人, and offers none who left', async () => {
    vi.mocked(api.addEvents).mockResolvedValue([{ id: 7 }, { id: 8 }] as never);
    render(EventEntry, props() as never);
    await choose('職員1');
    expect(screen.queryByLabelText(/職員1 一郎/)).not.toBeInTheDocument();
    await fireEvent.click(screen.getByLabelText(/職員1 花子（妻）/));
    expect(screen.getByText(/扶養家族 1人/)).toBeInTheDocument();
    // Removing the 本人 drops the ticks under them.
    await fireEvent.click(screen.getByRole('button', { name: '職員1を外す' }));
    expect(screen.queryByText(/扶養家族 1人/)).not.toBeInTheDocument();
    await choose('職員1');
    await fireEvent.click(screen.getByLabelText(/職員1 花子（妻）/));
    await fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    const sent = vi.mocked(api.addEvents).mock.calls[0]?.[0];
    expect(sent?.persons).toEqual([1]);
    expect(sent?.family).toEqual([{ person: 1, dependent: 11 }]);
  });

  it('adds everyone of a 所属 and the persons of the previous entry', async () => {
    vi.mocked(api.lastEntryPersons).mockResolvedValue([3, 2]);
    render(EventEntry, props() as never);
    await fireEvent.change(screen.getByLabelText('所属'), { target: { value: '総務課' } });
    await fireEvent.click(screen.getByRole('button', { name: '全員を追加' }));
    expect(screen.getByText(/2人を選択/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: '前回と同じ人たち' }));
    await vi.waitFor(() => expect(screen.getByText(/3人を選択/)).toBeInTheDocument());
    const chips = within(screen.getByRole('list', { name: '選んだ本人' })).getAllByRole('listitem');
    expect(chips.map((c) => c.querySelector('[data-chip]')?.getAttribute('data-chip'))).toEqual(['1', '2', '3']);
  });

  it('finds person #950 of 1,000 by part of the name and by フリガナ, and says how many more match', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => staff(i + 1, { name: `山田 ${i + 1}号`, kana: `ヤマダ ${i + 1}ゴウ` }));
    render(EventEntry, props({ persons: many }) as never);
    const search = screen.getByRole('combobox', { name: '本人' });
    await fireEvent.input(search, { target: { value: '山田' } });
    expect(screen.getAllByRole('option').filter((o) => o.dataset.person)).toHaveLength(50);
    expect(screen.getByText('ほか 950人 — 絞り込んでください')).toBeInTheDocument();
    await fireEvent.input(search, { target: { value: '950号' } });
    expect(screen.getByRole('option', { name: /山田 950号/ })).toBeInTheDocument();
    await fireEvent.input(search, { target: { value: 'やまだ950' } });
    const options = screen.getAllByRole('option').filter((o) => o.dataset.person);
    expect(options.map((o) => o.dataset.person)).toEqual(['950']);
    await fireEvent.keyDown(search, { key: 'Enter' });
    expect(within(screen.getByRole('list', { name: '選んだ本人' })).getByText('山田 950号')).toBeInTheDocument();
    expect(api.addEvents).not.toHaveBeenCalled();
  });

  it('files a batch acquisition in one new 保存文書 under the rule its 関係事務 suggests', async () => {
    vi.mocked(api.ledger).mockResolvedValue([{ no: 4, name: '扶養控除等申告書' }] as never);
    vi.mocked(api.rules).mockResolvedValue([
      { id: 1, name: '雇用保険 その他の書類', period: '完結の日から2年' },
      { id: 3, name: '給与所得者の扶養控除等（異動）申告書', period: '翌年1月10日の翌日から7年' },
    ] as never);
    vi.mocked(api.suggestedRule).mockResolvedValue(3);
    vi.mocked(api.retentionPreview).mockResolvedValue({
      rule_id: 3,
      counts_from_year: true,
      base_label: '令和8年分',
      retain_until_label: '令和16年1月10日',
      disposable_from_label: '令和16年1月11日',
      batch_fy_label: '令和15年度',
    } as never);
    vi.mocked(api.addEvents).mockResolvedValue([{ id: 7 }, { id: 8 }] as never);
    render(EventEntry, props() as never);
    await fireEvent.change(screen.getByLabelText(/関係事務/), { target: { value: '1' } });
    await choose('職員1');
    await choose('職員2');
    await vi.waitFor(() => expect(screen.getByLabelText(/保存期間のルール/)).toHaveValue('3'));
    expect(api.suggestedRule).toHaveBeenLastCalledWith('1');
    // The dates it will get are shown before saving.
    const preview = await screen.findByTestId('retention-preview');
    expect(preview).toHaveTextContent('2人分を一式の保存文書として保存');
    expect(preview).toHaveTextContent('保存期限 令和16年1月10日');
    expect(preview).toHaveTextContent('廃棄可能日 令和16年1月11日');
    await fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    const sent = vi.mocked(api.addEvents).mock.calls[0]?.[0];
    expect(sent?.persons).toEqual([1, 2]);
    expect(sent?.file).toBe(4);
    expect(sent?.document).toBeNull();
    expect(sent?.new_document).toEqual({ rule: '3', name: null, base_date: null });
  });

  it('files nothing when 書類を保存しない is chosen', async () => {
    vi.mocked(api.ledger).mockResolvedValue([{ no: 4, name: '扶養控除等申告書' }] as never);
    vi.mocked(api.rules).mockResolvedValue([] as never);
    vi.mocked(api.addEvents).mockResolvedValue([{ id: 7 }] as never);
    render(EventEntry, props() as never);
    await vi.waitFor(() => expect(screen.getByLabelText(/新しい保存文書として保存する/)).toBeChecked());
    await fireEvent.click(screen.getByLabelText(/書類を保存しない/));
    await choose('職員1');
    await fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    const sent = vi.mocked(api.addEvents).mock.calls[0]?.[0];
    expect([sent?.file, sent?.document, sent?.new_document]).toEqual([null, null, null]);
  });

  it('does not save on the Enter that confirms an IME conversion', async () => {
    render(EventEntry, props() as never);
    await fireEvent.keyDown(screen.getByLabelText(/日付/), { key: 'Enter', isComposing: true });
    await fireEvent.keyDown(screen.getByLabelText(/日付/), { key: 'Enter', keyCode: 229 });
    expect(api.addEvents).not.toHaveBeenCalled();
  });

  it('shows a refusal beside the field it names (the My Number guard included)', async () => {
    vi.mocked(api.addEvents).mockRejectedValue(
      new IpcError({ code: 'invalid_input', message: '個人番号のような12桁の数字は入力できません。', field: '備考' }),
    );
    render(EventEntry, props() as never);
    await fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('個人番号のような12桁の数字は入力できません。');
    expect(alert.id).toBe('entry-note-error');
  });

  it('Esc cancels', async () => {
    const p = props();
    render(EventEntry, p as never);
    await fireEvent.keyDown(screen.getByLabelText(/日付/), { key: 'Escape' });
    expect(p.onCancel).toHaveBeenCalledOnce();
  });
});
