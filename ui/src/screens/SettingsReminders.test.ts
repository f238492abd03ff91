import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Settings from './Settings.svelte';
import { api, IpcError } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn().mockResolvedValue([])]));
  return { ...real, api: fns };
});

const settings = (over = {}) => ({
  date_style: 'wareki', date_style_label: '和暦', auto_lock_minutes: 5, body_kind: 'jimukumiai',
  body_kind_label: '一部事務組合・広域連合', backup_every_days: 30, check_by_month: 5, ...over,
});

beforeEach(() => {
  vi.mocked(api.settings).mockResolvedValue(settings() as never);
});

describe('設定 › お知らせの時期', () => {
  it('shows and changes when the backup and yearly-check reminders come, naming a refused value', async () => {
    const onChanged = vi.fn();
    render(Settings, { onChanged });
    const days = (await screen.findByLabelText(/バックアップの催促/)) as HTMLInputElement;
    expect(days).toHaveValue(30);
    expect(screen.getByLabelText(/点検の催促/)).toHaveValue(5);
    vi.mocked(api.setReminderSettings).mockResolvedValueOnce(settings({ backup_every_days: 14 }) as never);
    await fireEvent.input(days, { target: { value: '14' } });
    await fireEvent.click(days.parentElement!.querySelector('button')!);
    expect(api.setReminderSettings).toHaveBeenCalledWith(14, null);
    expect(await screen.findByText('変更しました。')).toBeInTheDocument();

    vi.mocked(api.setReminderSettings).mockRejectedValueOnce(
      new IpcError({ code: 'invalid_input', message: '1月から12月の間で指定してください（例: 5 は5月末まで）。', field: '点検の催促' }),
    );
    const month = screen.getByLabelText(/点検の催促/) as HTMLInputElement;
    await fireEvent.input(month, { target: { value: '13' } });
    await fireEvent.click(month.parentElement!.querySelector('button')!);
    expect(await screen.findByText(/1月から12月の間で指定してください/)).toBeInTheDocument();
  });
});
