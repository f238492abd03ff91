import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Events from './Events.svelte';
import { api } from '../lib/ipc';
import { eventChanges, draftOf } from '../lib/eventCorrection';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const row = (id: number, over = {}) => ({
  event_id: id, version: 1, amended: false, date: '2025-04-01', date_label: '令和7年4月1日',
  kind: 'acquire', kind_label: '取得', affair: '源泉徴収', person: '鈴木 彩', unit: '総務課',
  dependent: null, file: 1, summary: '本人から取得（番号カード）', clerk: '佐藤', note: null,
  withdrawn: null, ...over,
});

const noFields = {
  source: null, method: null, to: null, via: null, measures: [], sealed: null, content: null,
  contractor: null, certificate_no: null, answer: null, requester: null, correction_reason: null,
  witness: null, officer: null, note: null,
};

const view = (id: number, over = {}) => ({
  id, version: 1, versions: 1, amended: false, kind: 'acquire', kind_label: '取得',
  date: '2025-04-01', date_label: '令和7年4月1日', affair_id: 3, affair: '源泉徴収',
  person_id: 7, person: '鈴木 彩', dependent_id: null, dependent: null, file: 1, document: null,
  clerk: { id: 'sato', name: '佐藤 美咲' }, summary: '本人から取得（番号カード）',
  fields: { ...noFields, source: 'person', method: 'my_number_card', content: '扶養控除等申告書' },
  reason: null, withdrawn: false, entered_at: '2025-04-01T00:00:00Z', entered_by: 'sato', ...over,
});

const forms = [
  {
    kind: 'acquire', label: '取得', fields: [
      { key: 'source', label: '取得元', input: 'choice', required: true, choices: [{ id: 'person', label: '本人' }, { id: 'employer', label: '事業主' }] },
      { key: 'method', label: '本人確認方法', input: 'choice', required: true, choices: [{ id: 'my_number_card', label: '個人番号カード' }] },
      { key: 'content', label: '取得したもの', input: 'text', required: false, choices: [] },
    ],
  },
  { kind: 'use', label: '利用', fields: [{ key: 'content', label: '利用の内容', input: 'text', required: true, choices: [] }] },
  {
    kind: 'dispose', label: '廃棄', fields: [
      { key: 'content', label: '廃棄したもの', input: 'text', required: true, choices: [] },
      { key: 'method', label: '廃棄・削除の方法', input: 'choice', required: true, choices: [{ id: 'shred', label: 'シュレッダー' }] },
    ],
  },
];

const persons = [
  { id: 7, kind: 'staff', kind_label: '職員等', name: '鈴木 彩', dept: '総務課', employer: null, kana: 'スズキ アヤ', left_on: null, dependents: [] },
  { id: 8, kind: 'staff', kind_label: '職員等', name: '鈴木 綾', dept: '会計課', employer: null, kana: 'スズキ アヤ', left_on: null, dependents: [] },
];

beforeEach(() => {
  for (const f of Object.values(api)) vi.mocked(f).mockReset();
  vi.mocked(api.events).mockResolvedValue([row(1), row(2, { withdrawn: '別の本人で登録した', version: 2, amended: true })] as never);
  vi.mocked(api.eventForms).mockResolvedValue(forms as never);
  vi.mocked(api.users).mockResolvedValue([{ id: 'sato', name: '佐藤 美咲', role: 'clerk', active: true }] as never);
  vi.mocked(api.ledger).mockResolvedValue([{ no: 1, name: '給与' }] as never);
  vi.mocked(api.persons).mockResolvedValue(persons as never);
  vi.mocked(api.affairs).mockResolvedValue([{ id: 3, name: '源泉徴収', basis: null }] as never);
  vi.mocked(api.echoDate).mockResolvedValue({ date: '2025-04-01', label: '令和7年4月1日 (2025-04-01)' } as never);
  vi.mocked(api.eventHistory).mockImplementation(async (id: number) =>
    (id === 2
      ? [view(2, { versions: 2 }), view(2, { version: 2, versions: 2, withdrawn: true, reason: '別の本人で登録した' })]
      : [view(id)]) as never,
  );
});

async function open(id: number) {
  render(Events, { today: '令和7年4月1日', fy: 'R7' });
  await fireEvent.click(await screen.findByRole('button', { name: new RegExp(`^${id}`) }));
  return screen.findByRole('region', { name: '記録の詳細' });
}

describe('取扱記録: a withdrawn record', () => {
  it('is shown struck through with 取消済 and its reason, and is not counted', async () => {
    render(Events, { today: '令和7年4月1日', fy: 'R7' });
    const withdrawn = await screen.findByRole('button', { name: /^2/ });
    expect(withdrawn).toHaveClass('withdrawn');
    expect(within(withdrawn).getByText('令和7年4月1日')).toHaveStyle({ textDecoration: 'line-through' });
    expect(within(withdrawn).getByTestId('withdrawn-tag')).toHaveTextContent('取消済（理由: 別の本人で登録した）');
    const live = screen.getByRole('button', { name: /^1/ });
    expect(within(live).getByText('令和7年4月1日')).not.toHaveStyle({ textDecoration: 'line-through' });
    expect(screen.getByTestId('event-count')).toHaveTextContent('1件（ほかに取消済 1件）');
  });

  it('opens read-only, with the reason and without 訂正 or 取消', async () => {
    const detail = await open(2);
    expect(await within(detail).findByTestId('withdrawn-notice')).toHaveTextContent('別の本人で登録した');
    expect(within(detail).queryByRole('button', { name: '訂正する' })).not.toBeInTheDocument();
    expect(within(detail).queryByRole('button', { name: '誤登録として取り消す' })).not.toBeInTheDocument();
    expect(within(detail).getByTestId('event-history')).toHaveTextContent('第2版（取消）');
  });
});

describe('取扱記録: the detail and the correction', () => {
  it('shows every field in words first, read-only', async () => {
    const detail = await open(1);
    expect(await within(detail).findByText('個人番号カード')).toBeInTheDocument();
    expect(detail).toHaveTextContent('取得元本人本人確認方法個人番号カード取得したもの扶養控除等申告書');
    expect(within(detail).getByText('NO.1 給与')).toBeInTheDocument();
    expect(within(detail).getByText(/第1版/, { selector: 'small' })).toBeInTheDocument();
    expect(within(detail).queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('sends only the 本人 and the reason when the 本人 is changed', async () => {
    vi.mocked(api.amendEvent).mockResolvedValue(view(1, { version: 2, person_id: 8 }) as never);
    const detail = await open(1);
    await fireEvent.click(await within(detail).findByRole('button', { name: '訂正する' }));
    const form = await within(detail).findByRole('form', { name: '記録の訂正' });
    expect(within(form).getByLabelText(/^日付/)).toHaveValue('令和7年4月1日');
    expect(within(form).getByLabelText(/^取得したもの/)).toHaveValue('扶養控除等申告書');
    await fireEvent.input(within(form).getByTestId('fix-person-filter'), { target: { value: 'すずき' } });
    await fireEvent.keyDown(within(form).getByTestId('fix-person-filter'), { key: 'Enter' });
    expect(api.amendEvent).not.toHaveBeenCalled();
    await fireEvent.change(within(form).getByLabelText('本人', { selector: 'select' }), { target: { value: '8' } });
    await fireEvent.input(within(form).getByLabelText(/訂正の理由/), { target: { value: '本人の取り違え' } });
    await fireEvent.click(within(form).getByRole('button', { name: '訂正を保存' }));
    expect(api.amendEvent).toHaveBeenCalledWith({
      id: 1,
      reason: '本人の取り違え',
      changes: {
        kind: null, date: null, affair: null, person: 8, dependent: null, file: null, clerk: null,
        fields: noFields,
      },
    });
    expect(await screen.findByText('No.1 を訂正しました（第2版）。')).toBeInTheDocument();
  });

  it('changes the kind: the new kind’s fields, pre-filled where they carry over, the old ones cleared', async () => {
    vi.mocked(api.amendEvent).mockResolvedValue(view(1, { version: 2, kind: 'dispose' }) as never);
    const detail = await open(1);
    await fireEvent.click(await within(detail).findByRole('button', { name: '訂正する' }));
    const form = await within(detail).findByRole('form', { name: '記録の訂正' });
    await fireEvent.change(within(form).getByLabelText(/^種別/), { target: { value: 'dispose' } });
    expect(within(form).getByLabelText(/^廃棄したもの/)).toHaveValue('扶養控除等申告書');
    expect(within(form).queryByLabelText(/^取得元/)).not.toBeInTheDocument();
    const method = within(form).getByLabelText(/^廃棄・削除の方法/, { selector: 'select' });
    expect(method).toHaveValue('');
    await fireEvent.change(method, { target: { value: 'shred' } });
    await fireEvent.input(within(form).getByLabelText(/訂正の理由/), { target: { value: '種別の誤り' } });
    await fireEvent.click(within(form).getByRole('button', { name: '訂正を保存' }));
    expect(api.amendEvent).toHaveBeenCalledWith({
      id: 1,
      reason: '種別の誤り',
      changes: {
        kind: 'dispose', date: null, affair: null, person: null, dependent: null, file: null, clerk: null,
        fields: { ...noFields, source: '', method: 'shred' },
      },
    });
  });

  it('sends nothing when nothing was changed', async () => {
    const detail = await open(1);
    await fireEvent.click(await within(detail).findByRole('button', { name: '訂正する' }));
    const form = await within(detail).findByRole('form', { name: '記録の訂正' });
    await fireEvent.input(within(form).getByLabelText(/訂正の理由/), { target: { value: '確認' } });
    await fireEvent.click(within(form).getByRole('button', { name: '訂正を保存' }));
    expect(api.amendEvent).not.toHaveBeenCalled();
    expect(within(form).getByRole('alert')).toHaveTextContent('変更する項目がありません');
  });
});

describe('取扱記録: 誤登録として取り消す', () => {
  it('needs a reason and a confirmation, and Enter never confirms', async () => {
    vi.mocked(api.withdrawEvent).mockResolvedValue(view(1, { version: 2, withdrawn: true }) as never);
    const detail = await open(1);
    await fireEvent.click(await within(detail).findByRole('button', { name: '誤登録として取り消す' }));
    const dialog = within(detail).getByRole('alertdialog');
    expect(dialog).toHaveTextContent('誤登録として取り消します');
    await fireEvent.click(within(dialog).getByRole('button', { name: '取り消す' }));
    expect(api.withdrawEvent).not.toHaveBeenCalled();
    expect(within(dialog).getByRole('alert')).toHaveTextContent('理由が必要です');
    const reason = within(dialog).getByLabelText(/取消しの理由/);
    await fireEvent.input(reason, { target: { value: '別の本人で登録した' } });
    await fireEvent.keyDown(reason, { key: 'Enter' });
    expect(api.withdrawEvent).not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByRole('button', { name: '取り消す' }));
    expect(api.withdrawEvent).toHaveBeenCalledWith({ id: 1, reason: '別の本人で登録した' });
    expect(await screen.findByText(/No.1 を誤登録として取り消しました/)).toBeInTheDocument();
  });

  it('goes back without withdrawing', async () => {
    const detail = await open(1);
    await fireEvent.click(await within(detail).findByRole('button', { name: '誤登録として取り消す' }));
    await fireEvent.click(within(detail).getByRole('button', { name: '戻る' }));
    expect(within(detail).queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(api.withdrawEvent).not.toHaveBeenCalled();
  });
});

describe('eventChanges', () => {
  it('clears the details the new kind does not take', () => {
    const v = view(1) as never;
    const draft = { ...draftOf(v), kind: 'use' };
    const c = eventChanges(v, draft, forms as never);
    expect(c.kind).toBe('use');
    expect(c.fields).toMatchObject({ source: '', method: '', content: null });
  });

  it('keeps a choice’s added text', () => {
    const v = view(1) as never;
    const draft = draftOf(v);
    draft.details.source = 'employer:○○事業所';
    expect(eventChanges(v, draft, forms as never).fields.source).toBe('employer:○○事業所');
  });
});

describe('取扱記録: the list fills the window', () => {
  it('reaches the bottom of the window, and leaves room for a record’s details when one is open', async () => {
    render(Events, { today: '令和7年4月1日', fy: 'R7' });
    await screen.findByRole('button', { name: /^1/ });
    const list = document.querySelector('.vlist') as HTMLElement;
    // jsdom puts the list at the top of a 768 px window: all of it but the margin.
    expect(list.style.height).toBe(`${window.innerHeight - 16}px`);
    await fireEvent.click(screen.getByRole('button', { name: /^1/ }));
    await screen.findByRole('region', { name: '記録の詳細' });
    expect((document.querySelector('.vlist') as HTMLElement).style.height).toBe('420px');
  });
});
