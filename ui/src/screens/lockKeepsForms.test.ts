// Lock without loss on the registration and report forms (issue 20): a half-typed 本人, a
// 台帳 entry or its correction, a 第一報, a half-answered 年次点検, a 保存文書 and a 再委託先 being
// registered come back to the same user after the lock; another user finds the forms empty.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Persons from './Persons.svelte';
import Ledger from './Ledger.svelte';
import Incidents from './Incidents.svelte';
import Checks from './Checks.svelte';
import Documents from './Documents.svelte';
import Contractors from './Contractors.svelte';
import { api } from '../lib/ipc';
import { keepForLock, resumeAfterLock } from '../lib/drafts';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const ledgerInput = {
  name: '給与所得の源泉徴収票', scope: '職員の個人番号・氏名', dept: '総務課', owner: 'otsuka',
  handlers: ['sato'], purpose: '源泉徴収票の作成', retention: '翌年1月10日の翌日から7年',
  disposal: 'shred', location: '書庫A', electronic: false,
};
const ledgerEntry = {
  no: 1, version: 1, amended: false, ...ledgerInput, owner: { id: 'otsuka', name: '大塚 一郎' },
  handlers: [{ id: 'sato', name: '佐藤 美咲' }], retention_rule: null, disposal: 'シュレッダー',
  disposal_status: '', medium: 'paper', medium_label: '紙', reason: null,
  entered_at: '2026-04-01T00:00:00Z', entered_at_label: '令和8年4月1日 9:00:00', entered_by: 'otsuka',
  input: { ...ledgerInput },
};

beforeEach(() => {
  for (const f of Object.values(api)) vi.mocked(f).mockReset();
  vi.mocked(api.persons).mockResolvedValue([] as never);
  vi.mocked(api.textWarnings).mockResolvedValue([] as never);
  vi.mocked(api.ledger).mockResolvedValue([ledgerEntry] as never);
  vi.mocked(api.ledgerHistory).mockResolvedValue([ledgerEntry] as never);
  vi.mocked(api.users).mockResolvedValue([{ id: 'otsuka', name: '大塚 一郎' }, { id: 'sato', name: '佐藤 美咲' }] as never);
  vi.mocked(api.eventForms).mockResolvedValue([]);
  vi.mocked(api.incidents).mockResolvedValue([] as never);
});

/** Opens a <details> as the browser does on a click of its summary (jsdom does not). */
async function openDetails(summary: string) {
  const details = screen.getByText(summary).closest('details')!;
  details.open = true;
  await fireEvent(details, new Event('toggle'));
}

/** Locks with `view` on `screenName` as kato, then logs in as `who`. */
function lockAndLogIn(view: { unmount: () => void }, screenName: string, who: string) {
  keepForLock('kato', screenName);
  view.unmount();
  return resumeAfterLock(who);
}

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

describe('管理台帳 across the lock', () => {
  it('gives the same user the correction being typed, with its reason, and the new entry', async () => {
    const view = render(Ledger);
    await fireEvent.click(await screen.findByRole('button', { name: '1' }));
    const form = await screen.findByRole('region', { name: '台帳の訂正と履歴' });
    await fireEvent.input(within(form).getByLabelText(/保管場所/), { target: { value: '書庫B' } });
    await fireEvent.input(within(form).getByLabelText(/訂正の理由/), { target: { value: '書庫の移転' } });
    await openDetails('台帳に登録する');
    await fireEvent.input(screen.getByLabelText(/名称/, { selector: '#ledger-name' }), { target: { value: '扶養控除等申告書' } });
    expect(lockAndLogIn(view, 'ledger', 'kato')).toBe('ledger');

    render(Ledger);
    const back = await screen.findByRole('region', { name: '台帳の訂正と履歴' });
    expect(within(back).getByLabelText(/保管場所/)).toHaveValue('書庫B');
    expect(within(back).getByLabelText(/訂正の理由/)).toHaveValue('書庫の移転');
    expect(screen.getByLabelText(/名称/, { selector: '#ledger-name' })).toHaveValue('扶養控除等申告書');
    expect(screen.getByText('台帳に登録する').closest('details')).toHaveAttribute('open');
  });

  it('gives another user the ledger with nothing open', async () => {
    const view = render(Ledger);
    await fireEvent.click(await screen.findByRole('button', { name: '1' }));
    const form = await screen.findByRole('region', { name: '台帳の訂正と履歴' });
    await fireEvent.input(within(form).getByLabelText(/訂正の理由/), { target: { value: '書庫の移転' } });
    expect(lockAndLogIn(view, 'ledger', 'sato')).toBeNull();

    render(Ledger);
    await screen.findByRole('button', { name: '1' });
    expect(screen.queryByRole('region', { name: '台帳の訂正と履歴' })).toBeNull();
  });
});

describe('第一報 across the lock', () => {
  async function typeHalf() {
    const view = render(Incidents, { today: '令和8年12月2日', startReporting: true });
    await screen.findByTestId('incident-first-report');
    await fireEvent.input(screen.getByLabelText(/発見者/), { target: { value: '佐藤 花子' } });
    await fireEvent.input(screen.getByLabelText(/何が起きたか/), { target: { value: '申告書の誤送付' } });
    return view;
  }

  it('gives the same user the report as typed', async () => {
    expect(lockAndLogIn(await typeHalf(), 'incidents', 'kato')).toBe('incidents');
    render(Incidents, { today: '令和8年12月2日' });
    await screen.findByTestId('incident-first-report');
    expect(screen.getByLabelText(/発見者/)).toHaveValue('佐藤 花子');
    expect(screen.getByLabelText(/何が起きたか/)).toHaveValue('申告書の誤送付');
    expect(screen.getByLabelText(/知った日/)).toHaveValue('令和8年12月2日');
  });

  it('gives another user no report form', async () => {
    expect(lockAndLogIn(await typeHalf(), 'incidents', 'sato')).toBeNull();
    render(Incidents, { today: '令和8年12月2日' });
    await screen.findByText('第一報を記録する');
    expect(screen.queryByTestId('incident-first-report')).toBeNull();
  });
});

describe('年次点検 across the lock', () => {
  const item = (id: string) => ({
    id, title: `${id} の点検事項`, basis: '002 第17条', auto: false, figure: null,
    findings: [], result: null, result_code: null, answered: false, note: null,
  });
  const check = {
    id: 1, fiscal_year: 2026, fy_label: '令和8年度', adhoc: false, title: '令和8年度 点検結果報告書',
    period_label: '令和8年4月1日 〜 令和8年12月3日', frozen: false, as_of_label: '令和8年12月3日',
    items: [item('M1'), item('M2')], actions: [], carried: [], signoffs: [], may_sign: ['creator'],
    addenda: [], head_hash: 'ab'.repeat(32),
  };

  async function typeHalf() {
    vi.mocked(api.checks).mockResolvedValue([
      { id: 1, fiscal_year: 2026, title: '令和8年度 …', adhoc: false, created_label: '令和8年12月3日', status_label: '作成中', frozen: false },
    ] as never);
    vi.mocked(api.check).mockResolvedValue(check as never);
    const view = render(Checks, { openLatest: true });
    const detail = await screen.findByTestId('check-detail');
    await fireEvent.input(await within(detail).findByLabelText('M1 の所見'), { target: { value: '鍵を共用している' } });
    await fireEvent.input(within(detail).getByLabelText('内容'), { target: { value: '鍵を個人別にする' } });
    return view;
  }

  it('gives the same user the check open with the findings and action typed', async () => {
    expect(lockAndLogIn(await typeHalf(), 'checks', 'kato')).toBe('checks');
    render(Checks);
    const detail = await screen.findByTestId('check-detail');
    expect(await within(detail).findByLabelText('M1 の所見')).toHaveValue('鍵を共用している');
    expect(within(detail).getByLabelText('M2 の所見')).toHaveValue('');
    expect(within(detail).getByLabelText('内容')).toHaveValue('鍵を個人別にする');
  });

  it('gives another user the list with no check open', async () => {
    expect(lockAndLogIn(await typeHalf(), 'checks', 'sato')).toBeNull();
    render(Checks);
    await screen.findByText(/令和8年度 …/);
    expect(screen.queryByTestId('check-detail')).toBeNull();
  });
});

describe('保存文書 across the lock', () => {
  beforeEach(() => {
    vi.mocked(api.documents).mockResolvedValue([] as never);
    vi.mocked(api.ledger).mockResolvedValue([{ no: 2, name: '雇用保険' }] as never);
    vi.mocked(api.rules).mockResolvedValue([{ id: 5, name: '雇用保険 その他の書類', period: '完結の日から2年' }] as never);
    vi.mocked(api.retentionPreview).mockResolvedValue({
      counts_from_year: false, base_label: '令和8年4月1日', retain_until_label: '令和10年4月1日',
      disposable_from_label: '令和10年4月2日', batch_fy_label: '令和10年度',
    } as never);
  });

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

describe('再委託先の登録 across the lock', () => {
  const warehouse = {
    id: 1, name: '○○倉庫株式会社', pattern: 'III', pattern_label: 'IDC、ISP、倉庫会社', dept: '保管部', manager: '山田 太郎',
    work: '書類の保管', data: '扶養控除等申告書', pmark: null, pmark_expiry: null, pmark_expiry_label: null,
    leak_2y: false, parent: null, approved_on: null, subcontractors: [], files: [1], active: true,
    last_evaluation: null, next_evaluation_due: null, next_evaluation_due_label: null,
    clauses: [], clauses_missing: 0, created_at: '2026-04-01T00:00:00Z',
  };

  async function typeHalf() {
    vi.mocked(api.contractors).mockResolvedValue([warehouse] as never);
    vi.mocked(api.contractor).mockResolvedValue(warehouse as never);
    vi.mocked(api.evaluationsOf).mockResolvedValue([] as never);
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
