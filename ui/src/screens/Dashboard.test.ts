import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Dashboard from './Dashboard.svelte';
import { api } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const view = (overdue: number) => ({
  org_name: 'みどり広域事務組合', fy_label: '令和8年度', disposal_headline: '', disposal_due: 4,
  disposal_overdue: overdue, awaiting_certificate: 1, contractors_due: [], events_this_year: 12, recent: [],
});

describe('home', () => {
  it('leads from each of the three jobs and from every count into its screen', async () => {
    vi.mocked(api.dashboard).mockResolvedValue(view(0) as never);
    const onGo = vi.fn();
    render(Dashboard, { onGo });
    await fireEvent.click(screen.getByRole('button', { name: '取扱いを記録する' }));
    await fireEvent.click(screen.getByRole('button', { name: '記録票を印刷する' }));
    await fireEvent.click(screen.getByRole('button', { name: '今年度の廃棄一覧' }));
    expect(onGo.mock.calls.map((c) => c[0])).toEqual(['entry', 'print', 'disposal']);
    await fireEvent.click(await screen.findByTestId('tile-events'));
    await fireEvent.click(screen.getByTestId('tile-certificates'));
    expect(onGo.mock.calls.slice(3).map((c) => c[0])).toEqual(['events', 'disposal']);
    expect(screen.queryByTestId('tile-overdue')).not.toBeInTheDocument();
  });

  it('shows overdue disposals in a tile of their own that leads to the list', async () => {
    vi.mocked(api.dashboard).mockResolvedValue(view(3) as never);
    const onGo = vi.fn();
    render(Dashboard, { onGo });
    const tile = await screen.findByTestId('tile-overdue');
    expect(tile).toHaveTextContent('3件');
    expect(tile).toHaveClass('warn');
    await fireEvent.click(tile);
    expect(onGo).toHaveBeenCalledWith('disposal');
  });
});
