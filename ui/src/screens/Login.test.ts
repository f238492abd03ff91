import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Login from './Login.svelte';
import Setup from './Setup.svelte';
import { api, IpcError } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const CODE = 'ABCD1-EFGH2-JKLM3-NPQR4-STUV5-WXYZ6-23457';

async function fill(user: string, code: string, password: string, confirm: string) {
  await fireEvent.input(screen.getByLabelText(/^ユーザーID/), { target: { value: user } });
  await fireEvent.input(screen.getByLabelText(/^復旧コード/), { target: { value: code } });
  await fireEvent.input(screen.getByLabelText(/^新しいパスワード/), { target: { value: password } });
  await fireEvent.input(screen.getByLabelText(/^パスワード（確認）/), { target: { value: confirm } });
}

beforeEach(() => {
  for (const f of Object.values(api)) vi.mocked(f).mockReset();
});

describe('ログイン: パスワードを忘れた場合', () => {
  it('refuses new passwords that differ before calling', async () => {
    render(Login, { onLogin: vi.fn() });
    await fireEvent.click(screen.getByRole('button', { name: 'パスワードを忘れた場合' }));
    await fill('sato', CODE, 'new-pass-1', 'new-pass-2');
    await fireEvent.click(screen.getByRole('button', { name: '新しいパスワードを設定' }));
    expect(api.recoverPassword).not.toHaveBeenCalled();
    expect(screen.getByText(/一致しません/)).toBeInTheDocument();
  });

  it('sends the code as printed, then says so and comes back to the login with the ID filled in', async () => {
    vi.mocked(api.recoverPassword).mockResolvedValue(null as never);
    render(Login, { onLogin: vi.fn() });
    await fireEvent.input(screen.getByLabelText(/^ユーザーID/), { target: { value: 'sato' } });
    await fireEvent.click(screen.getByRole('button', { name: 'パスワードを忘れた場合' }));
    expect(screen.getByLabelText(/^ユーザーID/)).toHaveValue('sato');
    await fill('sato', CODE, 'new-pass-1', 'new-pass-1');
    await fireEvent.click(screen.getByRole('button', { name: '新しいパスワードを設定' }));
    expect(api.recoverPassword).toHaveBeenCalledWith({ user: 'sato', recovery_code: CODE, new_password: 'new-pass-1' });
    expect(await screen.findByTestId('recovered')).toHaveTextContent('sato の新しいパスワードを設定しました');
    expect(screen.getByRole('heading', { name: 'ログイン' })).toBeInTheDocument();
    expect(screen.getByLabelText(/^ユーザーID/)).toHaveValue('sato');
    expect(screen.getByLabelText(/^パスワード/)).toHaveValue('');
  });

  it('shows a wrong code beside its field and stays on the form', async () => {
    vi.mocked(api.recoverPassword).mockRejectedValue(
      new IpcError({ code: 'auth_failed', message: '復旧コードが違います（1 回失敗）。', field: '復旧コード' }),
    );
    render(Login, { onLogin: vi.fn() });
    await fireEvent.click(screen.getByRole('button', { name: 'パスワードを忘れた場合' }));
    await fill('sato', CODE, 'new-pass-1', 'new-pass-1');
    await fireEvent.click(screen.getByRole('button', { name: '新しいパスワードを設定' }));
    expect(await screen.findByText('復旧コードが違います（1 回失敗）。')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'パスワードを忘れた場合' })).toBeInTheDocument();
  });

  it('shows a refused new password beside 新しいパスワード', async () => {
    vi.mocked(api.recoverPassword).mockRejectedValue(
      new IpcError({ code: 'invalid_input', message: '10文字以上にしてください。', field: 'パスワード' }),
    );
    render(Login, { onLogin: vi.fn() });
    await fireEvent.click(screen.getByRole('button', { name: 'パスワードを忘れた場合' }));
    await fill('sato', CODE, 'short', 'short');
    await fireEvent.click(screen.getByRole('button', { name: '新しいパスワードを設定' }));
    expect(await screen.findByText('10文字以上にしてください。')).toHaveAttribute('id', 'recover-password-error');
  });
});

describe('初回: バックアップから復元', () => {
  const report = { user: { id: 'sato', name: '佐藤 美咲' }, org_name: '○○事務組合', failed_logins: null, warnings: [] };

  it('offers the backups found beside the vault and logs in after the restore', async () => {
    vi.mocked(api.backupsBeside).mockResolvedValue(['/data/バックアップ/office-1.kiroku-backup'] as never);
    vi.mocked(api.restoreBackup).mockResolvedValue(report as never);
    const onRestored = vi.fn();
    render(Setup, { onDone: vi.fn(), onRestored });
    await fireEvent.click(screen.getByRole('button', { name: 'バックアップから復元' }));
    expect(await screen.findByLabelText(/office-1\.kiroku-backup/)).toBeChecked();
    expect(screen.getByText('USBメモリなどのバックアップは、その場所を入力してください。')).toBeInTheDocument();
    await fill('sato', CODE, 'new-pass-1', 'new-pass-1');
    await fireEvent.click(screen.getByRole('button', { name: '復元してログイン' }));
    expect(api.restoreBackup).toHaveBeenCalledWith({
      backup: '/data/バックアップ/office-1.kiroku-backup', user: 'sato', recovery_code: CODE, new_password: 'new-pass-1',
    });
    await vi.waitFor(() => expect(onRestored).toHaveBeenCalledWith(report));
  });

  it('takes a typed path (USB memory) and refuses differing passwords before calling', async () => {
    vi.mocked(api.backupsBeside).mockResolvedValue([] as never);
    vi.mocked(api.restoreBackup).mockResolvedValue(report as never);
    render(Setup, { onDone: vi.fn(), onRestored: vi.fn() });
    await fireEvent.click(screen.getByRole('button', { name: 'バックアップから復元' }));
    await fireEvent.input(screen.getByLabelText(/^バックアップファイル/), { target: { value: ' /media/usb/office.kiroku-backup ' } });
    await fill('sato', CODE, 'new-pass-1', 'new-pass-2');
    await fireEvent.click(screen.getByRole('button', { name: '復元してログイン' }));
    expect(api.restoreBackup).not.toHaveBeenCalled();
    await fireEvent.input(screen.getByLabelText(/^パスワード（確認）/), { target: { value: 'new-pass-1' } });
    await fireEvent.click(screen.getByRole('button', { name: '復元してログイン' }));
    expect(vi.mocked(api.restoreBackup).mock.calls[0]?.[0]).toMatchObject({ backup: '/media/usb/office.kiroku-backup' });
  });
});
