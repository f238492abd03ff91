import { fireEvent, render, screen } from '@testing-library/svelte';
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
const persons = [1, 2, 3].map((id) => ({ id, kind: 'staff', kind_label: '職員等', name: `職員${id}`, dept: null, employer: null, left_on: null, dependents: [] }));
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

describe('quick entry', () => {
  beforeEach(() => {
    vi.mocked(api.addEvents).mockReset();
  });

  it('shows only the fields of the chosen kind', async () => {
    render(EventEntry, props() as never);
    expect(screen.getByLabelText(/取得元/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/確認者/)).not.toBeInTheDocument();
    await fireEvent.change(screen.getByLabelText('種別'), { target: { value: 'delete' } });
    expect(screen.getByLabelText(/確認者/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/取得元/)).not.toBeInTheDocument();
  });

  it('saves a batch for the persons ticked, with Enter', async () => {
    vi.mocked(api.addEvents).mockResolvedValue([{ id: 7 }, { id: 8 }, { id: 9 }] as never);
    const p = props();
    render(EventEntry, p as never);
    for (const id of [1, 2, 3]) await fireEvent.click(screen.getByLabelText(`${id} 職員${id}`));
    expect(screen.getByText(/3人を選択/)).toBeInTheDocument();
    await fireEvent.keyDown(screen.getByLabelText(/日付/), { key: 'Enter' });
    expect(api.addEvents).toHaveBeenCalledOnce();
    expect(vi.mocked(api.addEvents).mock.calls[0]?.[0].persons).toEqual([1, 2, 3]);
    await vi.waitFor(() => expect(p.onSaved).toHaveBeenCalledWith([7, 8, 9]));
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
