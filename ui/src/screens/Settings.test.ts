import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import SettingsUsers from './SettingsUsers.svelte';
import SettingsRules from './SettingsRules.svelte';
import { api, IpcError } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const user = (id: string, name: string, active = true) => ({
  id, name, dept: '総務課', duties: null, role: 'clerk', role_label: '事務取扱担当者', active,
  created_at: '2026-04-01T00:00:00Z', disabled_at: active ? null : '2026-11-24T00:00:00Z',
});

describe('設定 › 利用者', () => {
  beforeEach(() => {
    for (const f of Object.values(api)) vi.mocked(f).mockReset();
    vi.mocked(api.users).mockResolvedValue([user('sato', '佐藤 美咲')] as never);
  });

  it('disables a user only after the confirmation, and shows them as 無効', async () => {
    vi.mocked(api.disableUser).mockResolvedValue(user('sato', '佐藤 美咲', false) as never);
    render(SettingsUsers);
    await fireEvent.click(await screen.findByRole('button', { name: '無効にする' }));
    expect(api.disableUser).not.toHaveBeenCalled();
    expect(screen.getByText(/ログインできなくなり、元に戻せません/)).toBeInTheDocument();
    vi.mocked(api.users).mockResolvedValue([user('sato', '佐藤 美咲', false)] as never);
    const row = screen.getByText(/ログインできなくなり/).closest('td') as HTMLElement;
    await fireEvent.click(within(row).getByRole('button', { name: '無効にする' }));
    expect(api.disableUser).toHaveBeenCalledWith('sato');
    expect(await screen.findByText('無効')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'パスワード再設定' })).not.toBeInTheDocument();
  });

  it('refuses a new password typed differently twice, without calling the API', async () => {
    render(SettingsUsers);
    await fireEvent.click(await screen.findByRole('button', { name: 'パスワード再設定' }));
    await fireEvent.input(screen.getByLabelText(/^パスワード＊?$/, { selector: '#reset-password' }), { target: { value: 'new-password-1' } });
    await fireEvent.input(screen.getByLabelText(/パスワード（確認）/), { target: { value: 'new-password-2' } });
    await fireEvent.click(screen.getByRole('button', { name: '再設定する' }));
    expect(api.resetPassword).not.toHaveBeenCalled();
    expect(await screen.findByRole('alert')).toHaveTextContent('パスワードが一致しません');
  });

  it('shows the API refusal (too short) beside the password', async () => {
    vi.mocked(api.resetPassword).mockRejectedValue(
      new IpcError({ code: 'invalid_input', message: '10文字以上にしてください。', field: 'パスワード' }),
    );
    render(SettingsUsers);
    await fireEvent.click(await screen.findByRole('button', { name: 'パスワード再設定' }));
    const pw = document.querySelector('#reset-password') as HTMLInputElement;
    await fireEvent.input(pw, { target: { value: 'short' } });
    await fireEvent.input(screen.getByLabelText(/パスワード（確認）/), { target: { value: 'short' } });
    await fireEvent.click(screen.getByRole('button', { name: '再設定する' }));
    expect(api.resetPassword).toHaveBeenCalledWith({ id: 'sato', password: 'short' });
    expect(await screen.findByRole('alert')).toHaveTextContent('10文字以上');
    expect(pw.closest('.field')).toHaveClass('invalid');
  });
});

const ruleInput = {
  name: '扶養控除等申告書', start: 'after-jan10-next-year', years: '7', basis: '所得税法施行規則第76条の3',
  statutory: true, disposal: 'shred', base_hint: '提出期限の属する年',
};
const rule = (version: number, over = {}) => ({
  id: 3, version, amended: version > 1, built_in: true, name: ruleInput.name, start: ruleInput.start,
  start_label: '翌年1月10日の翌日から起算', years: 7, period: '翌年1月10日の翌日から7年',
  basis: ruleInput.basis, statutory: true, basis_kind: '法定', disposal: 'シュレッダー', base_hint: ruleInput.base_hint,
  documents: 12, reason: null, entered_at: '2026-04-01T00:00:00Z', entered_at_label: '令和8年4月1日 9:00:00', entered_by: 'kiroku', input: { ...ruleInput }, ...over,
});

describe('設定 › 保存期間のルール', () => {
  beforeEach(() => {
    for (const f of Object.values(api)) vi.mocked(f).mockReset();
    vi.mocked(api.rules).mockResolvedValue([rule(1)] as never);
    vi.mocked(api.ruleHistory).mockResolvedValue([rule(1)] as never);
    vi.mocked(api.ruleStarts).mockResolvedValue([
      { id: 'after-jan10-next-year', label: '翌年1月10日の翌日から起算' },
      { id: 'next-fiscal-year', label: '翌年度の4月1日から起算' },
    ]);
    vi.mocked(api.eventForms).mockResolvedValue([]);
  });

  it('changes a rule: only the changed years and the reason are sent, and the documents affected are named', async () => {
    vi.mocked(api.editRule).mockResolvedValue(rule(2, { years: 10, period: '翌年1月10日の翌日から10年' }) as never);
    render(SettingsRules);
    await fireEvent.click(await screen.findByRole('button', { name: '3' }));
    const form = await screen.findByRole('form', { name: 'ルールの変更' });
    expect(within(form).getByText(/保存中の保存文書 12件/)).toBeInTheDocument();
    await fireEvent.input(within(form).getByLabelText(/年数/), { target: { value: '10' } });
    await fireEvent.input(within(form).getByLabelText(/訂正の理由/), { target: { value: '規程の改正' } });
    await fireEvent.click(within(form).getByRole('button', { name: '変更を保存' }));
    expect(api.editRule).toHaveBeenCalledWith({
      id: 3,
      reason: '規程の改正',
      changes: { name: null, start: null, years: '10', basis: null, statutory: null, disposal: null, base_hint: null },
    });
    expect(await screen.findByText(/第2版、翌年1月10日の翌日から10年/)).toBeInTheDocument();
  });

  it('adds a rule and shows a refusal beside 年数', async () => {
    vi.mocked(api.addRule).mockRejectedValue(
      new IpcError({ code: 'invalid_input', message: '保存年数は1から150までの整数で入力してください（例: 7）。', field: '年数' }),
    );
    render(SettingsRules);
    await fireEvent.click(await screen.findByRole('button', { name: 'ルールを追加（責任者）' }));
    await fireEvent.input(screen.getByLabelText(/保存文書名/), { target: { value: '会議録' } });
    await fireEvent.input(screen.getByLabelText(/年数/), { target: { value: '七' } });
    await fireEvent.click(screen.getByRole('button', { name: '追加' }));
    expect(api.addRule).toHaveBeenCalledWith(expect.objectContaining({ name: '会議録', years: '七', base_hint: null }));
    const years = screen.getByLabelText(/年数/);
    expect(years.closest('.field')).toHaveClass('invalid');
    expect(await screen.findByRole('alert')).toHaveTextContent('保存年数は1から150まで');
  });
});
