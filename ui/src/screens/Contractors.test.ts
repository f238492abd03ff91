import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Contractors from './Contractors.svelte';
import { api } from '../lib/ipc';
import { lockAndLogIn } from '../lib/lockTesting';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const clause = (id: string, ticked: boolean) => ({
  id, article: `001 第14条(5)${id}`, text: '秘密保持義務', ticked,
  contract: ticked ? '保管業務委託契約' : null, signed_on: ticked ? '2026-04-01' : null,
});
const warehouse = {
  id: 1, name: '○○倉庫株式会社', pattern: 'III', pattern_label: 'IDC、ISP、倉庫会社', dept: '保管部', manager: '山田 太郎',
  work: '書類の保管', data: '扶養控除等申告書', pmark: '10820123', pmark_expiry: '2027-03-31', pmark_expiry_label: '令和9年3月31日',
  leak_2y: false, parent: null, approved_on: null, subcontractors: [], files: [1], active: true,
  last_evaluation: { id: 3, made_on: '2026-04-01', decision: 'adopted', decision_label: '採用' },
  next_evaluation_due: '2027-04-01', next_evaluation_due_label: '令和9年4月1日',
  clauses: [clause('①', true), clause('②', false)], clauses_missing: 1, created_at: '2026-04-01T00:00:00Z',
};
const sheet = (over = {}) => ({
  id: 7, contractor: { id: 1, name: warehouse.name }, re_evaluation: true, made_on: '2027-03-01', made_on_label: '令和9年3月1日',
  pattern: 'III', pmark_valid: false, leak_2y: false, shortcut: false,
  items: [{ no: 1, text: '管理体制', applies: true, judgment: null, improvement: null, improvement_confirmed_on: null }],
  decision: 'incomplete', decision_label: '未完了', reasons: [], missing: [1],
  finalized: false, finalized_at: null, finalized_by: null,
  discarded: false, discarded_at: null, discarded_by: null, discard_reason: null, ...over,
});

beforeEach(() => {
  for (const f of Object.values(api)) vi.mocked(f).mockReset();
  vi.mocked(api.contractors).mockResolvedValue([warehouse] as never);
  vi.mocked(api.contractor).mockResolvedValue(warehouse as never);
  vi.mocked(api.evaluationsOf).mockResolvedValue([] as never);
  vi.mocked(api.ledger).mockResolvedValue([{ no: 1, name: '扶養控除等申告書' }, { no: 2, name: '源泉徴収票' }] as never);
});

async function openWarehouse() {
  render(Contractors);
  await fireEvent.click(await screen.findByRole('button', { name: /○○倉庫株式会社/ }));
  await screen.findByRole('heading', { name: '○○倉庫株式会社' });
}

describe('評価シートを作る', () => {
  it('「再評価」 makes a sheet only after the confirmation', async () => {
    vi.mocked(api.newEvaluation).mockResolvedValue(sheet() as never);
    await openWarehouse();
    await fireEvent.click(screen.getByRole('button', { name: '再評価' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent('委託先「○○倉庫株式会社」の再評価の評価シートを今日の日付で作成します');
    expect(api.newEvaluation).not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByRole('button', { name: '作成する' }));
    expect(api.newEvaluation).toHaveBeenCalledWith(1, true);
    expect(await screen.findByRole('region', { name: '評価シート' })).toHaveTextContent('評価シート 7（再評価');
  });

  it('「新規評価」 goes back without making one', async () => {
    await openWarehouse();
    await fireEvent.click(screen.getByRole('button', { name: '新規評価' }));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('新規評価の評価シート');
    await fireEvent.click(screen.getByRole('button', { name: '戻る' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(api.newEvaluation).not.toHaveBeenCalled();
  });
});

describe('下書きの破棄', () => {
  async function openDraft() {
    vi.mocked(api.evaluationsOf).mockResolvedValue([sheet()] as never);
    await openWarehouse();
    await fireEvent.click(await screen.findByRole('button', { name: /評価 7/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'この下書きを破棄…' }));
    return screen.getByRole('alertdialog', { name: '下書きの破棄の確認' });
  }

  it('asks a reason and a confirmation before anything is discarded', async () => {
    const discarded = sheet({ discarded: true, decision: 'discarded', decision_label: '破棄', discard_reason: '委託先を取り違えた', discarded_by: 'otsuka' });
    vi.mocked(api.discardEvaluation).mockResolvedValue(discarded as never);
    const dialog = await openDraft();
    const button = within(dialog).getByRole('button', { name: '破棄する' });
    expect(button).toBeDisabled();
    await fireEvent.click(button);
    expect(api.discardEvaluation).not.toHaveBeenCalled();
    await fireEvent.input(within(dialog).getByLabelText(/破棄の理由/), { target: { value: '委託先を取り違えた' } });
    expect(button).toBeEnabled();
    vi.mocked(api.evaluationsOf).mockResolvedValue([discarded] as never);
    await fireEvent.click(button);
    expect(api.discardEvaluation).toHaveBeenCalledWith({ id: 7, reason: '委託先を取り違えた' });
    expect(await screen.findByTestId('discarded')).toHaveTextContent('理由: 委託先を取り違えた');
    expect(screen.getByLabelText('No.1 の判定')).toBeDisabled();
    expect(screen.queryByRole('button', { name: /確定する/ })).not.toBeInTheDocument();
    const list = screen.getByRole('list', { name: '評価シートの一覧' });
    expect(within(list).getByRole('button', { name: /評価 7/ })).toHaveTextContent('【破棄】');
    expect(within(list).getByRole('button', { name: /評価 7/ })).not.toHaveTextContent('（現在）');
  });

  it('goes back without discarding', async () => {
    const dialog = await openDraft();
    await fireEvent.input(within(dialog).getByLabelText(/破棄の理由/), { target: { value: '重複' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: '戻る' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(api.discardEvaluation).not.toHaveBeenCalled();
  });
});

describe('委託先の登録と変更', () => {
  it('registers a 再委託先 under the 委託先 with its 許諾日, pattern and files', async () => {
    const sub = { ...warehouse, id: 2, name: '△△運送', parent: { id: 1, name: warehouse.name }, clauses: [] };
    vi.mocked(api.addContractor).mockResolvedValue(sub as never);
    await openWarehouse();
    await fireEvent.click(screen.getByRole('button', { name: '再委託先を登録…' }));
    const form = await screen.findByRole('form', { name: '委託先の登録' });
    expect(within(form).getByLabelText(/委託元/)).toHaveValue('1');
    await fireEvent.input(within(form).getByLabelText(/委託先名称/), { target: { value: '△△運送' } });
    await fireEvent.change(within(form).getByLabelText(/委託パターン/), { target: { value: 'IV' } });
    await fireEvent.input(within(form).getByLabelText(/再委託の許諾日/), { target: { value: '令和8年5月1日' } });
    await fireEvent.click(await within(form).findByLabelText(/NO.2 源泉徴収票/));
    await fireEvent.keyDown(within(form).getByLabelText(/委託先名称/), { key: 'Enter' });
    await fireEvent.submit(form);
    expect(api.addContractor).not.toHaveBeenCalled();
    await fireEvent.click(within(form).getByRole('button', { name: '登録する' }));
    expect(api.addContractor).toHaveBeenCalledWith({
      name: '△△運送', pattern: 'IV', dept: null, manager: null, work: null, data: null, pmark: null,
      pmark_expiry: null, leak_2y: null, parent: '1', approved_on: '令和8年5月1日', files: [2],
    });
  });

  it('sends only the changed P-mark expiry', async () => {
    vi.mocked(api.updateContractor).mockResolvedValue({ ...warehouse, pmark_expiry_label: '令和11年3月31日' } as never);
    await openWarehouse();
    await fireEvent.click(screen.getByRole('button', { name: '登録内容を変更…' }));
    const form = screen.getByRole('form', { name: '委託先の変更' });
    await fireEvent.input(within(form).getByLabelText(/プライバシーマーク有効期限/), { target: { value: '令和11年3月31日' } });
    await fireEvent.click(within(form).getByRole('button', { name: '変更を保存' }));
    expect(api.updateContractor).toHaveBeenCalledWith({
      id: 1,
      changes: { name: null, dept: null, manager: null, work: null, data: null, pmark: null, pmark_expiry: '令和11年3月31日', leak_2y: null },
    });
    expect(await screen.findByRole('status')).toHaveTextContent('変更を保存しました');
  });

  it('ticks the chosen 契約条項 with the contract and its day', async () => {
    vi.mocked(api.setClause).mockResolvedValue({ ...warehouse, clauses: [clause('①', true), clause('②', true)], clauses_missing: 0 } as never);
    await openWarehouse();
    const clauses = screen.getByRole('region', { name: '契約条項' });
    await fireEvent.click(within(clauses).getByLabelText('001 第14条(5)② を記録する'));
    await fireEvent.input(within(clauses).getByLabelText(/契約名/), { target: { value: '保管業務委託契約' } });
    await fireEvent.input(within(clauses).getByLabelText(/契約日/), { target: { value: '令和8年4月1日' } });
    await fireEvent.click(within(clauses).getByRole('button', { name: '選んだ1件の条項を記録' }));
    expect(api.setClause).toHaveBeenCalledWith({ id: 1, clause: '②', contract: '保管業務委託契約', signed_on: '令和8年4月1日' });
    expect(await within(clauses).findByRole('status')).toHaveTextContent('1件の契約条項を記録しました');
    expect(within(clauses).getByRole('heading')).toHaveTextContent('未確認 0件');
  });
});

describe('再委託先の登録 across the lock', () => {
  async function typeHalf() {
    const view = render(Contractors);
    await fireEvent.click(await screen.findByRole('button', { name: /○○倉庫株式会社/ }));
    await fireEvent.click(await screen.findByRole('button', { name: '再委託先を登録…' }));
    const form = await screen.findByRole('form', { name: '委託先の登録' });
    await fireEvent.input(within(form).getByLabelText(/委託先名称/), { target: { value: '△△運送' } });
    await fireEvent.input(within(form).getByLabelText(/業務委託内容/), { target: { value: '書類の運搬' } });
    return view;
  }

  it('gives the same user the 委託先 open and the 再委託先 form as typed', async () => {
    expect(lockAndLogIn(await typeHalf(), 'contractors', 'kato')).toBe('contractors');
    render(Contractors);
    await screen.findByRole('heading', { name: '○○倉庫株式会社' });
    const form = await screen.findByRole('form', { name: '委託先の登録' });
    expect(within(form).getByLabelText(/委託先名称/)).toHaveValue('△△運送');
    expect(within(form).getByLabelText(/業務委託内容/)).toHaveValue('書類の運搬');
    expect(within(form).getByLabelText(/委託元/)).toHaveValue('1');
  });

  it('gives another user no form', async () => {
    expect(lockAndLogIn(await typeHalf(), 'contractors', 'sato')).toBeNull();
    render(Contractors);
    await screen.findByRole('button', { name: /○○倉庫株式会社/ });
    expect(screen.queryByRole('form', { name: '委託先の登録' })).toBeNull();
  });
});
