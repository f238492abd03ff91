import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Disposal from './Disposal.svelte';
import { api } from '../lib/ipc';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const due = {
  id: 5, name: '扶養控除等申告書 令和元年分', file: 1, file_name: '給与', person: '鈴木 彩', batch_count: null,
  retain_until_label: '令和8年1月10日', dispose_by_label: '令和9年3月31日',
};

beforeEach(() => {
  vi.mocked(api.schedule).mockResolvedValue({ fy_label: '令和8年度', headline: '1件', overdue: [], due: [due] } as never);
  vi.mocked(api.users).mockResolvedValue([] as never);
  vi.mocked(api.eventForms).mockResolvedValue([
    { kind: 'dispose', label: '廃棄', fields: [{ key: 'method', label: '廃棄・削除の方法', input: 'choice', required: true, choices: [{ id: 'shred', label: 'シュレッダー' }] }] },
  ] as never);
  vi.mocked(api.echoDate).mockResolvedValue({ date: '2027-03-31', label: '令和9年3月31日 (2027-03-31)' } as never);
  vi.mocked(api.documents).mockResolvedValue([] as never);
  vi.mocked(api.ledger).mockResolvedValue([] as never);
  vi.mocked(api.rules).mockResolvedValue([] as never);
  vi.mocked(api.dispose).mockReset();
  vi.mocked(api.dispose).mockResolvedValue([due] as never);
});

async function choose() {
  render(Disposal, { today: '2027-03-31' });
  await fireEvent.click(await screen.findByLabelText(`${due.name} を選ぶ`));
  await fireEvent.change(screen.getByLabelText(/廃棄・削除の方法/), { target: { value: 'shred' } });
}

describe('recording a disposal', () => {
  it('records nothing until the confirmation, which says what will be recorded', async () => {
    await choose();
    await fireEvent.click(screen.getByRole('button', { name: /選んだ1件の廃棄を記録/ }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('1件を シュレッダー で 令和9年3月31日 (2027-03-31) に廃棄済みとして記録します');
    expect(api.dispose).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: '記録する' }));
    expect(api.dispose).toHaveBeenCalledOnce();
    expect(vi.mocked(api.dispose).mock.calls[0]?.[0]).toMatchObject({ documents: [5], method: 'shred' });
  });

  it('goes back without recording', async () => {
    await choose();
    await fireEvent.click(screen.getByRole('button', { name: /選んだ1件の廃棄を記録/ }));
    await fireEvent.click(await screen.findByRole('button', { name: '戻る' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(api.dispose).not.toHaveBeenCalled();
  });

  it('never records on Enter', async () => {
    await choose();
    await fireEvent.keyDown(screen.getByLabelText(/廃棄日/), { key: 'Enter' });
    await fireEvent.submit(screen.getByRole('form', { name: '廃棄・削除の記録' }));
    expect(api.dispose).not.toHaveBeenCalled();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});
