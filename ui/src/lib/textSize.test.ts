import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Settings from '../screens/Settings.svelte';
import { api } from './ipc';
import { applyTextSize, loadTextSize } from './textSize';

vi.mock('./ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('./ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn().mockResolvedValue([])]));
  return { ...real, api: fns };
});

beforeEach(() => {
  localStorage.clear();
  vi.mocked(api.settings).mockResolvedValue({
    date_style: 'wareki', date_style_label: '和暦', auto_lock_minutes: 5, body_kind: 'jimukumiai',
    body_kind_label: '一部事務組合・広域連合', backup_every_days: 30, check_by_month: 5,
  } as never);
});
afterEach(() => applyTextSize('standard'));

describe('文字サイズ', () => {
  it('scales the whole window at once and is remembered for that user only', async () => {
    render(Settings, { onChanged: () => {}, userId: 'sato' });
    expect(screen.getByRole('radio', { name: '標準' })).toBeChecked();
    await fireEvent.click(screen.getByRole('radio', { name: '特大' }));
    expect(document.documentElement.style.fontSize).toBe('137.5%');
    expect(loadTextSize('sato')).toBe('xlarge');
    // Another user on the same PC keeps the standard size.
    expect(loadTextSize('tanaka')).toBe('standard');
    await fireEvent.click(screen.getByRole('radio', { name: '大' }));
    expect(document.documentElement.style.fontSize).toBe('118.75%');
  });
});
