import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Incidents from './Incidents.svelte';
import { api, IpcError } from '../lib/ipc';
import { lockAndLogIn } from '../lib/lockTesting';

vi.mock('../lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/ipc')>();
  const fns = Object.fromEntries(Object.keys(real.api).map((k) => [k, vi.fn()]));
  return { ...real, api: fns };
});

const deadlines = {
  sokuho_warn: '2026-12-03', sokuho_due: '2026-12-05', sokuho_due_label: '令和8年12月5日',
  kakuho_due: '2027-01-04', kakuho_due_label: '令和9年1月4日', kakuho_moved_because: '年末年始',
  sokuho_done: false, kakuho_done: false, sokuho_days_left: -1, kakuho_days_left: 30, urgent: true,
};
const row = (g: string, applies: boolean) => ({ law: '番号法', code: g, applies, reason: `${g}の理由` });
const incident = (over = {}) => ({
  id: 4, version: 2, status: 'open', status_label: '対応中', known_on: '2026-12-01', known_on_label: '令和8年12月1日',
  known_time: '16:40', finder: '佐藤 花子', what: '申告書の誤送付', medium: '紙', place: null,
  facts: { situations: ['leak'], persons: { count: 150, confirmed: false }, unlawful_purpose: false },
  reportable: true, basis: ['規則第2条4号'], sokuho_due: '2026-12-05', kakuho_due: '2027-01-04',
  may_notify_principal: false, reasons: ['番号法: 報告義務があります（規則第2条4号）。'],
  decision: {
    body_kind: 'jimukumiai', body_kind_label: '一部事務組合・広域連合', reportable: true, basis: ['規則第2条4号'],
    my_number_act: '報告義務あり', appi: '報告義務あり', kakuho_days: 30, may_notify_principal: false, kyosai_forms: false,
    reasons: [], rows: [row('規則第2条1号イ', false), row('規則第2条4号', true)],
  },
  assessment: null, deadlines, reports: [], notices: [], persons: [{ id: 7, name: '田村 千尋' }],
  ...over,
});

beforeEach(() => {
  for (const f of Object.values(api)) vi.mocked(f).mockReset();
  vi.mocked(api.incidents).mockResolvedValue([] as never);
  vi.mocked(api.persons).mockResolvedValue([] as never);
  vi.mocked(api.ledger).mockResolvedValue([] as never);
  vi.mocked(api.contractors).mockResolvedValue([] as never);
});

describe('事故・漏えい', () => {
  it('opens the 第一報 form at once from the home, records it and shows the new incident', async () => {
    vi.mocked(api.reportIncident).mockRejectedValueOnce(
      new IpcError({ code: 'invalid_input', message: '令和9年1月1日は未来の日付です。', field: '知った日' }),
    );
    render(Incidents, { today: '令和8年12月2日', startReporting: true });
    const form = await screen.findByTestId('incident-first-report');
    expect(screen.getByLabelText(/知った日/)).toHaveValue('令和8年12月2日');
    await fireEvent.input(screen.getByLabelText(/発見者/), { target: { value: '佐藤 花子' } });
    await fireEvent.input(screen.getByLabelText(/何が起きたか/), { target: { value: '申告書の誤送付' } });
    await fireEvent.input(screen.getByLabelText(/媒体/), { target: { value: '紙' } });
    await fireEvent.click(within(form).getByRole('button', { name: '記録する' }));
    // The refusal is shown beside its field; the draft stays.
    expect(await within(form).findByText('令和9年1月1日は未来の日付です。')).toBeTruthy();
    expect(screen.getByLabelText(/発見者/)).toHaveValue('佐藤 花子');

    vi.mocked(api.reportIncident).mockResolvedValueOnce(incident({ version: 1 }) as never);
    vi.mocked(api.incidents).mockResolvedValue([
      { id: 4, status: 'open', status_label: '対応中', known_on_label: '令和8年12月1日', what: '申告書の誤送付', reportable: true, assessed: false, deadlines },
    ] as never);
    vi.mocked(api.incident).mockResolvedValue(incident() as never);
    await fireEvent.click(within(form).getByRole('button', { name: '記録する' }));
    expect(await screen.findByText(/第一報を記録しました（事案 ID 4）/)).toBeTruthy();
    expect(api.reportIncident).toHaveBeenLastCalledWith({
      finder: '佐藤 花子', known_on: '令和8年12月2日', known_time: null, what: '申告書の誤送付', medium: '紙', place: null,
    });
    const cell = await screen.findByTestId('incident-deadline');
    expect(cell).toHaveTextContent('速報 1日超過（令和8年12月5日まで）、確報 あと30日（令和9年1月4日まで）');
    expect(cell).toHaveClass('urgent');
    // The incident's page: every row of the decision with ○/×.
    const detail = await screen.findByTestId('incident-detail');
    const rows = await within(detail).findByTestId('incident-rows');
    expect(rows).toHaveTextContent('規則第2条4号○');
    expect(rows).toHaveTextContent('規則第2条1号イ×');
  });

  it('confirms the decision as computed, or records the officer’s own with the reason', async () => {
    vi.mocked(api.incidents).mockResolvedValue([
      { id: 4, status: 'open', status_label: '対応中', known_on_label: '令和8年12月1日', what: '申告書の誤送付', reportable: true, assessed: false, deadlines },
    ] as never);
    vi.mocked(api.incident).mockResolvedValue(incident() as never);
    render(Incidents, { today: '令和8年12月2日' });
    await fireEvent.click(await screen.findByRole('button', { name: '4' }));
    const detail = await screen.findByTestId('incident-detail');
    const assessed = incident({ assessment: { reportable: true, kakuho_days: 30, override_reason: null, incident_version: 2, entered_at_label: '令和8年12月2日 10:00', entered_by: 'boss' } });
    vi.mocked(api.confirmIncident).mockResolvedValueOnce(assessed as never);
    await fireEvent.click(within(detail).getByRole('button', { name: '判定どおり確認する' }));
    expect(await within(detail).findByText(/判定どおり（令和8年12月2日 10:00）/)).toBeTruthy();
    expect(api.confirmIncident).toHaveBeenLastCalledWith({ id: 4, reportable: null, kakuho_days: null, reason: null });

    await fireEvent.click(within(detail).getByRole('button', { name: '判定と異なる判断をする' }));
    vi.mocked(api.confirmIncident).mockRejectedValueOnce(
      new IpcError({ code: 'invalid_input', message: '判定と異なる判断には理由が必要です。', field: '判断の理由' }),
    );
    await fireEvent.change(within(detail).getByLabelText('確報の期限'), { target: { value: '60' } });
    await fireEvent.click(within(detail).getByRole('button', { name: 'この判断を記録する' }));
    expect(await within(detail).findByText('判定と異なる判断には理由が必要です。')).toBeTruthy();
    expect(api.confirmIncident).toHaveBeenLastCalledWith({ id: 4, reportable: true, kakuho_days: 60, reason: '' });

    // The letters: one PDF per linked person, listed with their paths.
    vi.mocked(api.printIncident).mockResolvedValueOnce([
      { form: 'incident_letters', title: '本人への通知文（本人 ID 7）', path: '/v/記録票/お知らせ_事案4_本人7.pdf', pages: 1, rows: 0, bytes: 9 },
    ] as never);
    await fireEvent.click(within(detail).getByRole('button', { name: '本人への通知文（1人分）' }));
    expect(await within(detail).findByText('/v/記録票/お知らせ_事案4_本人7.pdf')).toBeTruthy();
    expect(api.printIncident).toHaveBeenLastCalledWith({ id: 4, what: 'letters', out: '' });
    // No notice recorded yet: nothing to print of them; not a 共済組合: no 様式.
    expect(within(detail).getByRole('button', { name: '通知の記録' })).toBeDisabled();
    expect(within(detail).queryByRole('button', { name: '様式第1号 事態報告書' })).toBeNull();
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
