// Desktop app figures (issue 7), not a test: launch → login screen, password → dashboard,
// opening the whole log of a large office, the memory of all the app's processes then, and
// the filter latency on that list; with <bare>, the memory of a bare Tauri window (a blank page,
// same Tauri and profile) started the same way, as the baseline.
// Usage: node tests/e2e/bench.mjs <app> <vault> <password> [<bare>]
import { readFileSync, readdirSync } from 'node:fs';
import { Driver } from './webdriver.mjs';

const [app, vault, password, bare] = process.argv.slice(2);
const fast = { poll: 20, timeout: 120000 };

/** RSS in MB of `pid` and all its descendants, by name. */
function processTree(root) {
  const procs = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  const info = new Map();
  for (const p of procs) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const get = (k) => status.match(new RegExp(`^${k}:\\s+(.*)$`, 'm'))?.[1] ?? '';
      info.set(Number(p), { ppid: Number(get('PPid')), name: get('Name'), rss: parseInt(get('VmRSS') || '0', 10) / 1024 });
    } catch {
      // gone
    }
  }
  const out = [];
  const walk = (pid) => {
    const me = info.get(pid);
    if (me) out.push({ pid, ...me });
    for (const [child, i] of info) if (i.ppid === pid) walk(child);
  };
  walk(root);
  return out;
}

function findApp(name = 'kiroku-app') {
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      if (readFileSync(`/proc/${p}/comm`, 'utf8').trim() === name) return Number(p);
    } catch {
      // gone
    }
  }
  throw new Error(`${name} is not running`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const d = new Driver();
const t0 = Date.now();
await d.start(app, ['--vault', vault]);
await d.waitFor('h1', { text: 'ログイン', ...fast });
const launchToLogin = Date.now() - t0;
await new Promise((r) => setTimeout(r, 2000));
const treeLogin = processTree(findApp());

await d.type('#login-user', 'jimukyokucho');
await d.type('#login-password', password);
const t1 = Date.now();
await d.click('button[type=submit]');
await d.waitFor('[data-testid=events-this-year]', { text: /\d/, ...fast });
const passwordToDashboard = Date.now() - t1;
await new Promise((r) => setTimeout(r, 2000));
const treeDashboard = processTree(findApp());

// The log opens on this 年度.
const t2 = Date.now();
await d.click('[data-screen=events]');
await d.waitFor('[data-testid=event-count]', { text: /\d+件/, ...fast });
const openLog = Date.now() - t2;
const yearRows = await d.text(await d.find('[data-testid=event-count]'));
await new Promise((r) => setTimeout(r, 2000));
const treeYear = processTree(findApp());
const totalYear = treeYear.reduce((s, p) => s + p.rss, 0);

// Then every year: the whole log in the list.
const t3 = Date.now();
await d.select('.toolbar input', '');
await d.waitFor('[data-testid=event-count]', { text: /\d{6,}件/, ...fast });
const openAll = Date.now() - t3;
const rows = await d.text(await d.find('[data-testid=event-count]'));
await new Promise((r) => setTimeout(r, 2000));
const tree = processTree(findApp());
const total = tree.reduce((s, p) => s + p.rss, 0);

const filterTimes = [];
for (const term of ['山田', '源泉', '1234', '佐藤', '提出', '']) {
  filterTimes.push(
    await d.executeAsync(
      `const [term, done] = arguments;
       const input = document.querySelector('[data-testid=event-filter]');
       const t = performance.now();
       input.value = term;
       input.dispatchEvent(new Event('input', { bubbles: true }));
       requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));`,
      [term],
    ),
  );
}
await d.quit();

let treeBare = null;
if (bare) {
  const b = new Driver();
  await b.start(bare, []);
  await b.waitFor('h1', { text: 'Welcome to Tauri', ...fast });
  await new Promise((r) => setTimeout(r, 2000));
  treeBare = processTree(findApp('bare_window'));
  await b.quit();
}
const totalBare = treeBare && treeBare.reduce((s, p) => s + p.rss, 0);

const report = {
  launch_to_login_ms: launchToLogin,
  password_to_dashboard_ms: passwordToDashboard,
  processes_at_login: treeLogin.map((p) => `${p.name} ${p.rss.toFixed(0)} MB`),
  total_rss_at_login_mb: Math.round(treeLogin.reduce((s, p) => s + p.rss, 0)),
  processes_on_dashboard: treeDashboard.map((p) => `${p.name} ${p.rss.toFixed(0)} MB`),
  total_rss_on_dashboard_mb: Math.round(treeDashboard.reduce((s, p) => s + p.rss, 0)),
  open_log_this_year_ms: openLog,
  this_year_rows: yearRows,
  processes_after_opening: treeYear.map((p) => `${p.name} ${p.rss.toFixed(0)} MB`),
  total_rss_after_opening_mb: Math.round(totalYear),
  ...(treeBare && {
    bare_window_processes: treeBare.map((p) => `${p.name} ${p.rss.toFixed(0)} MB`),
    total_rss_bare_window_mb: Math.round(totalBare),
    above_bare_window_after_opening_mb: Math.round(totalYear - totalBare),
  }),
  open_whole_log_ms: openAll,
  rows,
  processes_with_whole_log: tree.map((p) => `${p.name} ${p.rss.toFixed(0)} MB`),
  total_rss_with_whole_log_mb: Math.round(total),
  filter_ms_median: Math.round(median(filterTimes)),
  filter_ms: filterTimes.map((x) => Math.round(x)),
};
console.log(JSON.stringify(report, null, 2));
