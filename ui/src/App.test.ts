import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { appVersion } from './lib/ipc';

vi.mock('./lib/ipc', () => ({ appVersion: vi.fn() }));

describe('start screen', () => {
  beforeEach(() => {
    vi.mocked(appVersion).mockReset();
  });

  it('shows the title and the version reported by the app', async () => {
    vi.mocked(appVersion).mockResolvedValue('1.2.3');

    render(App);

    expect(
      screen.getByRole('heading', { level: 1, name: 'Kiroku — 特定個人情報 取扱記録' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('バージョン 1.2.3')).toBeInTheDocument();
    expect(appVersion).toHaveBeenCalledOnce();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a Japanese error when the version cannot be fetched', async () => {
    vi.mocked(appVersion).mockRejectedValue(new Error('ipc unavailable'));

    render(App);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'バージョン情報を取得できませんでした。',
    );
    expect(screen.queryByText(/^バージョン \d/)).not.toBeInTheDocument();
  });
});
