import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Disposal from './Disposal.svelte';
import { api, IpcError } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const doc = (id: number, name: string) => ({
  id, name, file: 1, file_name: '給与', person: '鈴木 彩', batch_count: null,
  retain_until_label: '令和8年1月10日', disposable_from_label: '令和8年1月11日', dispose_by_label: '令和9年3月31日',
  disposal: null,
});
const due = doc(5, '扶養控除等申告書 令和元年分');
const overdue = doc(3, '源泉徴収票控え 平成30年分');
const dueToo = doc(6, '保険料控除申告書 令和元年分');
const melted = {
  ...doc(9, '離職票控え'), state: 'awaiting_certificate',
  disposal: { contractor: '○○溶解センター', contractor_id: 2, disposed_on_label: '令和8年3月1日' },
};
const plan = (over = {}) => ({
  fy: 2026, fy_label: '令和8年度', headline: '1件', overdue: [], due: [due], upcoming: [], awaiting_certificate: [], ...over,
});

beforeEach(() => {
  for (const f of Object.values(api)) vi.mocked(f).mockReset();
  vi.mocked(api.schedule).mockResolvedValue(plan() as never);
  vi.mocked(api.users).mockResolvedValue([] as never);
  vi.mocked(api.contractors).mockResolvedValue([
    { id: 2, name: '○○溶解センター', active: true },
    { id: 4, name: '旧業者', active: false },
  ] as never);
  vi.mocked(api.eventForms).mockResolvedValue([
    { kind: 'dispose', label: '廃棄', fields: [{ key: 'method', label: '廃棄・削除の方法', input: 'choice', required: true, choices: [{ id: 'shred', label: 'シュレッダー' }] }] },
  ] as never);
  vi.mocked(api.echoDate).mockResolvedValue({ date: '2027-03-31', label: '令和9年3月31日 (2027-03-31)' } as never);
  vi.mocked(api.documents).mockResolvedValue([] as never);
  vi.mocked(api.ledger).mockResolvedValue([] as never);
  vi.mocked(api.rules).mockResolvedValue([] as never);
  vi.mocked(api.dispose).mockResolvedValue([due] as never);
});

async function choose() {
  render(Disposal, { today: '2027-03-31' });
  await fireEvent.click(await screen.findByLabelText(`${due.name} を選ぶ`));
  await fireEvent.change(screen.getByLabelText(/廃棄・削除の方法/), { target: { value: 'shred' } });
}

describe('recording a disposal', () => {
  it('records nothing until the confirmation, which says what will be recorded', async () => {
    await choose();
    await fireEvent.click(screen.getByRole('button', { name: /選んだ1件の廃棄を記録/ }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('1件を シュレッダー で 令和9年3月31日 (2027-03-31) に廃棄済みとして記録します');
    expect(api.dispose).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: '記録する' }));
    expect(api.dispose).toHaveBeenCalledOnce();
    expect(vi.mocked(api.dispose).mock.calls[0]?.[0]).toMatchObject({ documents: [5], method: 'shred' });
  });

  it('goes back without recording', async () => {
    await choose();
    await fireEvent.click(screen.getByRole('button', { name: /選んだ1件の廃棄を記録/ }));
    await fireEvent.click(await screen.findByRole('button', { name: '戻る' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(api.dispose).not.toHaveBeenCalled();
  });

  it('never records on Enter', async () => {
    await choose();
    await fireEvent.keyDown(screen.getByLabelText(/廃棄日/), { key: 'Enter' });
    await fireEvent.submit(screen.getByRole('form', { name: '廃棄・削除の記録' }));
    expect(api.dispose).not.toHaveBeenCalled();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});

describe('the schedule', () => {
  it('「すべて選択」 picks every document of its group and none of another', async () => {
    vi.mocked(api.schedule).mockResolvedValue(plan({ overdue: [overdue], due: [due, dueToo] }) as never);
    render(Disposal, { today: '2027-03-31' });
    await fireEvent.click(await screen.findByLabelText('令和8年度の廃棄予定をすべて選択'));
    expect(screen.getByLabelText(`${due.name} を選ぶ`)).toBeChecked();
    expect(screen.getByLabelText(`${dueToo.name} を選ぶ`)).toBeChecked();
    expect(screen.getByLabelText(`${overdue.name} を選ぶ`)).not.toBeChecked();
    expect(screen.getByRole('button', { name: /選んだ2件の廃棄を記録/ })).toBeEnabled();
    await fireEvent.click(screen.getByLabelText('令和8年度の廃棄予定をすべて選択'));
    expect(screen.getByLabelText(`${due.name} を選ぶ`)).not.toBeChecked();
    expect(screen.getByRole('button', { name: /選んだ0件の廃棄を記録/ })).toBeDisabled();
  });

  it('shows the 廃棄可能日 of each document', async () => {
    render(Disposal, { today: '2027-03-31' });
    const row = (await screen.findByLabelText(`${due.name} を選ぶ`)).closest('tr') as HTMLElement;
    expect(within(row).getByText('令和8年1月11日')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: '廃棄可能日' })).toBeInTheDocument();
  });

  it('switches to the previous and the next 年度', async () => {
    render(Disposal, { today: '2027-03-31' });
    await screen.findByLabelText(`${due.name} を選ぶ`);
    expect(api.schedule).toHaveBeenLastCalledWith(null);
    await fireEvent.click(screen.getByRole('button', { name: '前年度' }));
    expect(api.schedule).toHaveBeenLastCalledWith('2025');
    await fireEvent.click(screen.getByRole('button', { name: '次年度' }));
    expect(api.schedule).toHaveBeenLastCalledWith('2027');
    await fireEvent.click(screen.getByRole('button', { name: '今年度' }));
    expect(api.schedule).toHaveBeenLastCalledWith(null);
  });

  it('offers the registered active contractors, and sends the one chosen by its ID', async () => {
    await choose();
    const select = screen.getByLabelText('委託先');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['（委託しない）', '○○溶解センター']);
    await fireEvent.change(select, { target: { value: '2' } });
    await fireEvent.click(screen.getByRole('button', { name: /選んだ1件の廃棄を記録/ }));
    expect(await screen.findByRole('alertdialog')).toHaveTextContent('委託先: ○○溶解センター');
    await fireEvent.click(screen.getByRole('button', { name: '記録する' }));
    expect(vi.mocked(api.dispose).mock.calls[0]?.[0]).toMatchObject({ documents: [5], contractor: '2' });
  });
});

describe('証明書待ち', () => {
  it('「証明書を受け取った」 sends the contractor, the number, the date and the document', async () => {
    vi.mocked(api.schedule).mockResolvedValue(plan({ awaiting_certificate: [melted] }) as never);
    vi.mocked(api.addCertificate).mockResolvedValue([{ ...melted, state: 'disposed' }] as never);
    render(Disposal, { today: '令和9年3月31日' });
    const waiting = await screen.findByRole('region', { name: '証明書待ち' });
    await fireEvent.click(within(waiting).getByRole('button', { name: `${melted.name} の証明書を受け取った` }));
    const form = screen.getByRole('form', { name: '証明書の受領' });
    expect(within(form).getByLabelText(/証明書の日付/)).toHaveValue('令和9年3月31日');
    await fireEvent.input(within(form).getByLabelText(/証明書番号/), { target: { value: '第2026-15号' } });
    await fireEvent.input(within(form).getByLabelText(/証明書の日付/), { target: { value: '令和9年3月30日' } });
    await fireEvent.keyDown(within(form).getByLabelText(/証明書番号/), { key: 'Enter' });
    await fireEvent.submit(form);
    expect(api.addCertificate).not.toHaveBeenCalled();
    await fireEvent.click(within(form).getByRole('button', { name: '証明書を記録する' }));
    expect(api.addCertificate).toHaveBeenCalledWith({
      contractor: '2', number: '第2026-15号', date: '令和9年3月30日', documents: [9],
    });
    expect(await screen.findByRole('status')).toHaveTextContent('○○溶解センターの証明書を1件の廃棄について記録しました');
  });

  it('shows a refusal beside the field it names', async () => {
    vi.mocked(api.schedule).mockResolvedValue(plan({ awaiting_certificate: [melted] }) as never);
    vi.mocked(api.addCertificate).mockRejectedValue(
      new IpcError({ code: 'invalid_input', field: '証明書番号', message: '証明書番号を入力してください。' }),
    );
    render(Disposal, { today: '令和9年3月31日' });
    await fireEvent.click(await screen.findByRole('button', { name: `${melted.name} の証明書を受け取った` }));
    await fireEvent.click(screen.getByRole('button', { name: '証明書を記録する' }));
    const form = screen.getByRole('form', { name: '証明書の受領' });
    expect(await within(form).findByRole('alert')).toHaveTextContent('証明書番号を入力してください。');
  });
});

describe('what is confirmed is what is recorded', () => {
  it('sends the documents of the confirmation even if more are ticked meanwhile', async () => {
    vi.mocked(api.schedule).mockResolvedValue(plan({ due: [due, dueToo] }) as never);
    await choose();
    await fireEvent.click(screen.getByRole('button', { name: /選んだ1件の廃棄を記録/ }));
    await screen.findByRole('alertdialog');
    await fireEvent.click(screen.getByLabelText(`${dueToo.name} を選ぶ`));
    await fireEvent.click(screen.getByRole('button', { name: '記録する' }));
    expect(vi.mocked(api.dispose).mock.calls[0]?.[0]).toMatchObject({ documents: [5] });
  });
});
