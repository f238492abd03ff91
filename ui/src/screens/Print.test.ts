import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Print from './Print.svelte';
import { api } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

describe('printing', () => {
  it('starts on this year’s 取扱記録表, with the previous year one click away', async () => {
    vi.mocked(api.preview).mockRejectedValue(new Error('not in this test'));
    render(Print, { thisFy: '2026' });
    expect(screen.getByLabelText('帳票')).toHaveValue('lifecycle');
    await vi.waitFor(() => expect(screen.getByLabelText('年度')).toHaveValue('2026'));
    await fireEvent.click(screen.getByRole('button', { name: '前年度' }));
    expect(screen.getByLabelText('年度')).toHaveValue('2025');
    await fireEvent.click(screen.getByRole('button', { name: 'プレビュー' }));
    expect(vi.mocked(api.preview).mock.calls[0]?.[0]).toMatchObject({ form: 'lifecycle', query: { fy: '2025' } });
    await fireEvent.click(screen.getByRole('button', { name: '今年度' }));
    expect(screen.getByLabelText('年度')).toHaveValue('2026');
  });
});
