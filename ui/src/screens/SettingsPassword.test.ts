import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import SettingsPassword from './SettingsPassword.svelte';
import { api, IpcError } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

async function fill(current: string, next: string, confirm: string) {
  await fireEvent.input(screen.getByLabelText(/現在のパスワード/), { target: { value: current } });
  await fireEvent.input(screen.getByLabelText(/新しいパスワード/), { target: { value: next } });
  await fireEvent.input(screen.getByLabelText(/パスワード（確認）/), { target: { value: confirm } });
  await fireEvent.click(screen.getByRole('button', { name: 'パスワードを変更' }));
}

describe('changing one’s own password', () => {
  beforeEach(() => {
    vi.mocked(api.changePassword).mockReset();
  });

  it('sends nothing when the new password is not typed the same twice', async () => {
    render(SettingsPassword);
    await fill('old-pass-1', 'new-pass-1', 'new-pass-2');
    expect(api.changePassword).not.toHaveBeenCalled();
    expect(screen.getByText(/一致しません/)).toBeInTheDocument();
  });

  it('sends the current and the new password, and says it is done', async () => {
    vi.mocked(api.changePassword).mockResolvedValue(null as never);
    render(SettingsPassword);
    await fill('old-pass-1', 'new-pass-1', 'new-pass-1');
    expect(api.changePassword).toHaveBeenCalledWith({ current: 'old-pass-1', new: 'new-pass-1' });
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('変更しました'));
  });

  it('shows a wrong current password beside its field', async () => {
    vi.mocked(api.changePassword).mockRejectedValue(
      new IpcError({ code: 'invalid_input', message: '現在のパスワードが違います。', field: '現在のパスワード' }),
    );
    render(SettingsPassword);
    await fill('wrong', 'new-pass-1', 'new-pass-1');
    await vi.waitFor(() => expect(screen.getByText('現在のパスワードが違います。')).toBeInTheDocument());
  });
});
