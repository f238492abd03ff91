import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Persons from './Persons.svelte';
import { api } from '../lib/ipc';
import { lockAndLogIn, openDetails } from '../lib/lockTesting';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const aya = {
  id: 7, kind: 'staff', kind_label: '職員等', name: '鈴木 彩', dept: '総務課', employer: null,
  kana: 'スズキ アヤ', left_on: null,
  dependents: [
    { id: 21, name: '鈴木 一郎', relation: '子', left_on: null },
    { id: 22, name: '鈴木 花', relation: '配偶者', left_on: '2025-12-31' },
  ],
};
const others = Array.from({ length: 300 }, (_, i) => ({
  id: 100 + i, kind: 'staff', kind_label: '職員等', name: `山田 ${i}`, dept: null, employer: null,
  kana: `ヤマダ ${i}`, left_on: null, dependents: [],
}));

const lifecycleRow = (over = {}) => ({
  affair_id: 3, affair: '源泉徴収', person_id: 7, person: '鈴木 彩', unit: '総務課',
  dependent_id: null, dependent: '', acquired_on: '令和7年4月1日', identity_check: '個人番号カード',
  recorded_on: '', clerks: '佐藤', use_and_take_out: '', disposal: '', event_ids: [1],
  amended: false, withdrawn: null, ...over,
});

beforeEach(() => {
  for (const f of Object.values(api)) vi.mocked(f).mockReset();
  vi.mocked(api.persons).mockResolvedValue([aya, ...others] as never);
  vi.mocked(api.person).mockResolvedValue(aya as never);
  vi.mocked(api.lifecycle).mockResolvedValue([
    lifecycleRow(),
    lifecycleRow({ affair_id: 4, affair: '年末調整', event_ids: [9], withdrawn: '別の本人で登録した' }),
  ] as never);
  vi.mocked(api.personHistory).mockResolvedValue([
    { version: 1, kind_label: '職員等', name: '鈴木 彩', kana: 'スズキ アヤ', dept: '総務課', employer: null, reason: null, entered_at: '2025-04-01T00:00:00Z', entered_by: 'sato' },
  ] as never);
  vi.mocked(api.echoDate).mockResolvedValue({ date: '2025-12-31', label: '令和7年12月31日 (2025-12-31)' } as never);
  vi.mocked(api.textWarnings).mockResolvedValue([] as never);
});

async function openAya() {
  render(Persons, { today: '令和8年4月1日' });
  await fireEvent.input(await screen.findByTestId('person-filter'), { target: { value: 'すずき' } });
  await fireEvent.click(await screen.findByRole('button', { name: /^7/ }));
  return screen.findByRole('region', { name: '本人のページ' });
}

describe('本人: the list', () => {
  it('finds a person by フリガナ typed in hiragana', async () => {
    render(Persons);
    await fireEvent.input(await screen.findByTestId('person-filter'), { target: { value: 'すずき あや' } });
    expect(screen.getByText('1人')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /鈴木 彩/ })).toBeInTheDocument();
  });
});

describe('本人: a person’s page', () => {
  it('shows the details, the 扶養家族 (those who left as such) and the person’s records', async () => {
    const page = await openAya();
    expect(await within(page).findByText('スズキ アヤ', { selector: 'dd' })).toBeInTheDocument();
    expect(api.lifecycle).toHaveBeenCalledWith(expect.objectContaining({ person: 7 }));
    expect(within(page).getByText(/鈴木 花（配偶者）/).closest('li')).toHaveTextContent('扶養から外れた');
    const records = within(page).getByTestId('person-records');
    expect(within(records).getByText('源泉徴収')).toBeInTheDocument();
    expect(within(records).getByText('年末調整').closest('tr')).toHaveClass('withdrawn');
    expect(within(records).getByText(/取消済（理由: 別の本人で登録した）/)).toBeInTheDocument();
  });

  it('corrects the details: sends only the changed fields, with the reason', async () => {
    vi.mocked(api.correctPerson).mockResolvedValue({ ...aya, dept: '会計課' } as never);
    const page = await openAya();
    await fireEvent.click(await within(page).findByRole('button', { name: '訂正する' }));
    const form = within(page).getByRole('form', { name: '本人の訂正' });
    expect(within(form).getByLabelText(/^所属/)).toHaveValue('総務課');
    expect(await within(form).findByTestId('person-history')).toHaveTextContent('第1版');
    await fireEvent.input(within(form).getByLabelText(/^所属/), { target: { value: '会計課' } });
    await fireEvent.input(within(form).getByLabelText(/訂正の理由/), { target: { value: '異動の反映漏れ' } });
    await fireEvent.click(within(form).getByRole('button', { name: '訂正を保存' }));
    expect(api.correctPerson).toHaveBeenCalledWith({
      id: 7, reason: '異動の反映漏れ', kind: null, name: null, kana: null, dept: '会計課', employer: null,
    });
    expect(await within(page).findByText('鈴木 彩 の登録内容を訂正しました。')).toBeInTheDocument();
  });

  it('adds a 扶養家族 to this person (no ID typed)', async () => {
    vi.mocked(api.addDependent).mockResolvedValue(aya as never);
    const page = await openAya();
    await fireEvent.click(await within(page).findByRole('button', { name: '扶養家族を追加' }));
    await fireEvent.input(within(page).getByLabelText(/扶養家族氏名/), { target: { value: '鈴木 次郎' } });
    await fireEvent.input(within(page).getByLabelText(/続柄/), { target: { value: '子' } });
    await fireEvent.click(within(page).getByRole('button', { name: '追加' }));
    expect(api.addDependent).toHaveBeenCalledWith({ person: 7, dependent: { name: '鈴木 次郎', relation: '子' } });
  });

  it('records the day a 扶養家族 left, and a 退職日', async () => {
    vi.mocked(api.dependentLeave).mockResolvedValue(aya as never);
    vi.mocked(api.personLeave).mockResolvedValue(aya as never);
    const page = await openAya();
    await fireEvent.click(await within(page).findByRole('button', { name: '扶養から外れた' }));
    await fireEvent.input(within(page).getByLabelText(/扶養から外れた日/, { selector: 'input' }), { target: { value: '令和8年3月31日' } });
    await fireEvent.click(within(page).getByRole('button', { name: '記録' }));
    expect(api.dependentLeave).toHaveBeenCalledWith({ person: 7, dependent: 21, date: '令和8年3月31日' });
    await fireEvent.click(await within(page).findByRole('button', { name: '退職日を記録' }));
    expect(within(page).getByLabelText(/^退職日/, { selector: 'input' })).toHaveValue('令和8年4月1日');
    await fireEvent.click(within(page).getByRole('button', { name: '退職日を保存' }));
    expect(api.personLeave).toHaveBeenCalledWith({ person: 7, date: '令和8年4月1日' });
  });
});

describe('本人 across the lock', () => {
  async function typeHalf() {
    const view = render(Persons);
    await openDetails('本人を登録する');
    await fireEvent.input(screen.getByLabelText(/氏名/), { target: { value: '田村 千尋' } });
    await fireEvent.input(screen.getByLabelText(/フリガナ/), { target: { value: 'タムラ チヒロ' } });
    return view;
  }

  it('gives the same user the registration as typed, still open', async () => {
    expect(lockAndLogIn(await typeHalf(), 'persons', 'kato')).toBe('persons');
    render(Persons);
    expect(screen.getByText('本人を登録する').closest('details')).toHaveAttribute('open');
    expect(screen.getByLabelText(/氏名/)).toHaveValue('田村 千尋');
    expect(screen.getByLabelText(/フリガナ/)).toHaveValue('タムラ チヒロ');
  });

  it('gives another user an empty form', async () => {
    expect(lockAndLogIn(await typeHalf(), 'persons', 'sato')).toBeNull();
    render(Persons);
    expect(screen.getByText('本人を登録する').closest('details')).not.toHaveAttribute('open');
    expect(screen.getByLabelText(/氏名/)).toHaveValue('');
  });
});
