import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Documents from './Documents.svelte';
import { api } from '../lib/ipc';
import { lockAndLogIn, openDetails } from '../lib/lockTesting';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const person = (id: number, name: string, kana: string) => ({
  id, kind: 'staff', kind_label: '職員等', name, kana, dept: '総務課', employer: null, left_on: null, dependents: [],
});

describe('保存文書の登録', () => {
  beforeEach(() => {
    for (const f of Object.values(api)) vi.mocked(f).mockReset();
    vi.mocked(api.documents).mockResolvedValue([] as never);
    vi.mocked(api.ledger).mockResolvedValue([{ no: 2, name: '雇用保険' }] as never);
    vi.mocked(api.rules).mockResolvedValue([{ id: 5, name: '雇用保険 その他の書類', period: '完結の日から2年' }] as never);
    vi.mocked(api.persons).mockResolvedValue([person(7, '鈴木 彩', 'スズキ アヤ'), person(8, '鈴木 一郎', 'スズキ イチロウ')] as never);
    vi.mocked(api.retentionPreview).mockResolvedValue({
      counts_from_year: false, base_label: '令和8年4月1日', retain_until_label: '令和10年4月1日',
      disposable_from_label: '令和10年4月2日', batch_fy_label: '令和10年度',
    } as never);
  });

  it('picks its one 本人 by name, never by a typed ID, and shows the dates before registering', async () => {
    vi.mocked(api.addDocument).mockResolvedValue({ name: '資格取得届 控え', retain_until_label: '令和10年4月1日', dispose_by_label: '令和11年4月1日' } as never);
    const { container } = render(Documents, { today: '2026-04-01' });
    const details = container.querySelector('details');
    if (!details) throw new Error('no form');
    details.open = true;
    await fireEvent(details, new Event('toggle'));
    await vi.waitFor(() => expect(api.persons).toHaveBeenCalledOnce());
    await fireEvent.input(screen.getByLabelText(/保存文書名/), { target: { value: '資格取得届 控え' } });
    await fireEvent.change(screen.getByLabelText(/特定個人情報ファイル/), { target: { value: '2' } });
    await fireEvent.change(screen.getByLabelText(/保存期間のルール/), { target: { value: '5' } });
    const search = screen.getByRole('combobox', { name: '本人' });
    // Single mode: a second choice replaces the first; Enter in the search saves nothing.
    await fireEvent.input(search, { target: { value: 'すずきいち' } });
    await fireEvent.keyDown(search, { key: 'Enter' });
    await fireEvent.input(search, { target: { value: 'スズキ アヤ' } });
    await fireEvent.keyDown(search, { key: 'Enter' });
    const chosen = within(screen.getByRole('list', { name: '選んだ本人' }));
    expect(chosen.queryByText('鈴木 一郎')).not.toBeInTheDocument();
    expect(chosen.getByText('鈴木 彩')).toBeInTheDocument();
    expect(api.addDocument).not.toHaveBeenCalled();
    expect(await screen.findByText(/保存期限/, { selector: '.doc-preview' })).toHaveTextContent('廃棄可能日 令和10年4月2日');
    await fireEvent.click(screen.getByRole('button', { name: '登録' }));
    expect(vi.mocked(api.addDocument).mock.calls[0]?.[0]).toMatchObject({ file: 2, rule: '5', person: 7, batch_count: null });
  });

  describe('across the lock', () => {
    async function typeHalf() {
      const view = render(Documents, { today: '2026-04-01' });
      await openDetails('保存文書を登録する');
      await fireEvent.input(screen.getByLabelText(/保存文書名/), { target: { value: '資格取得届 控え' } });
      await fireEvent.input(screen.getByLabelText(/件数/), { target: { value: '40' } });
      return view;
    }

    it('gives the same user the registration as typed, open, with the 本人 list read again', async () => {
      expect(lockAndLogIn(await typeHalf(), 'documents', 'kato')).toBe('documents');
      vi.mocked(api.persons).mockClear();
      render(Documents, { today: '2026-04-01' });
      expect(screen.getByText('保存文書を登録する').closest('details')).toHaveAttribute('open');
      expect(screen.getByLabelText(/保存文書名/)).toHaveValue('資格取得届 控え');
      expect(screen.getByLabelText(/件数/)).toHaveValue('40');
      await vi.waitFor(() => expect(api.persons).toHaveBeenCalledOnce());
    });

    it('gives another user an empty, closed form', async () => {
      expect(lockAndLogIn(await typeHalf(), 'documents', 'sato')).toBeNull();
      render(Documents, { today: '2026-04-01' });
      expect(screen.getByText('保存文書を登録する').closest('details')).not.toHaveAttribute('open');
      expect(screen.getByLabelText(/保存文書名/)).toHaveValue('');
    });
  });
});
