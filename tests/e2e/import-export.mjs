// End-to-end: a clerk brings the office's staff list in from a CSV the payroll system wrote
// (with a 個人番号 column) through 本人 → 「Excel・CSVから取り込む」, sees the column reported as
// not imported, imports, finds the persons — and the number is nowhere on the page — then writes
// the 取扱記録 out for Excel, then withdraws the import from 取り込み履歴. Screenshots:
// docs/screenshots/app-import-preview.png, app-import-history.png,
// app-export.png.
//
// Usage: node tests/e2e/import-export.mjs <kiroku-app binary> <kiroku binary> <scratch dir>
// (scripts/e2e.sh starts Xvfb and tauri-driver and builds what is needed.)
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { demoOffice, harness, logIn, sealedEnv, settle } from './app.mjs';

const [app, kiroku, scratch] = process.argv.slice(2).map((p) => resolve(p));
const { step, shot, withApp, report } = harness({ app, scratch });
const PASSWORD = 'e2e-password-1';
const baseEnv = sealedEnv(join(scratch, 'home'));

/** A valid 個人番号 (check digit 5): it must never reach the vault or the screen. */
const MY_NUMBER = '528473910645';
const STAFF = [
  ['E2E-001', '総務課', '取込 太郎', 'トリコミ タロウ', '昭和60年4月1日', MY_NUMBER],
  ['E2E-002', '会計課', '取込 花子', 'トリコミ ハナコ', '1990-07-15', ''],
  ['E2E-003', '施設課', '取込 次郎', 'トリコミ ジロウ', 'H3.11.30', ''],
];

// The staff list as the payroll system writes it: UTF-8, one header row, a 個人番号 column.
const folder = join(scratch, 'import');
mkdirSync(folder, { recursive: true });
const csv = join(folder, '職員名簿.csv');
writeFileSync(
  csv,
  ['社員番号,所属,氏名,フリガナ,生年月日,個人番号', ...STAFF.map((r) => r.join(','))].join('\r\n') + '\r\n',
);

const vault = join(scratch, 'import-office.kiroku');
demoOffice(kiroku, vault, { env: baseEnv, password: PASSWORD, events: 300, persons: 12 });

/** The page's whole HTML (text, values, attributes) holds no 個人番号. */
async function noNumberShown(d, where) {
  const html = await d.execute('return document.documentElement.outerHTML + document.body.innerText');
  assert.ok(!html.includes(MY_NUMBER), `the 個人番号 is not on the page (${where})`);
}

await withApp(['--vault', vault], async (d) => {
  await step('log in', async () => {
    await logIn(d, 'jimukyokucho', PASSWORD);
  });

  await step('import a staff list: the 個人番号 column is named and not read', async () => {
    await d.click('[data-screen=persons]');
    await d.waitFor('h1', { text: '本人' });
    await d.button('Excel・CSVから取り込む');
    await d.type('#import-from', csv);
    await d.click('form[aria-label="ファイルの選択"] button[type=submit]');
    await d.waitFor('[data-testid=import-notices]', { text: '個人番号の列（F列）は取り込みません。', timeout: 30000 });
    const counts = await d.text(await d.waitFor('[data-testid=import-counts]'));
    assert.match(counts, /追加する: 3行/, counts);
    assert.match(counts, /取り込めない: 0行/, counts);
    assert.equal(await d.execute(`return document.querySelector('select[data-column=F]').value`), 'my_number');
    await noNumberShown(d, 'preview');
    await d.execute(`document.querySelector('[data-testid=import-preview]').scrollIntoView({ block: 'start' })`);
    await settle();
    await shot(d, 'import-preview');
    await d.button('取り込む');
    const done = await d.text(await d.waitFor('[data-testid=import-done]', { text: '取り込みました', timeout: 30000 }));
    assert.match(done, /^3人を取り込みました（取り込み番号 \d+）$/, done);
    await noNumberShown(d, 'after the import');
    await d.button('閉じる');
  });

  await step('the imported persons are in the list, and the 個人番号 nowhere', async () => {
    await d.type('[data-testid=person-filter]', '取込');
    const listed = () =>
      d.execute(`return [...document.querySelectorAll('button[data-person]')].map((b) => b.textContent)`);
    const end = Date.now() + 15000;
    let rows = await listed();
    while (!STAFF.every(([, , name]) => rows.some((r) => r.includes(name))) && Date.now() < end) {
      await settle(200);
      rows = await listed();
    }
    assert.equal(rows.length, 3, rows.join(' / '));
    assert.ok(rows.some((r) => r.includes('取込 太郎') && r.includes('総務課')), rows.join(' / '));
    await d.execute(
      `[...document.querySelectorAll('button[data-person]')].find((b) => b.textContent.includes('取込 太郎')).click()`,
    );
    await d.waitFor('[data-testid=person-page] h2', { text: '取込 太郎' });
    await noNumberShown(d, 'the person’s page');
  });

  await step('write the 取扱記録 out for Excel (xlsx)', async () => {
    await d.click('[data-screen=events]');
    await d.waitFor('h1', { text: '取扱記録' });
    await d.waitFor('[data-testid=event-count]', { text: '件' });
    await d.button('Excelに書き出す');
    const result = await d.text(await d.waitFor('[data-testid=export-result]', { text: '行を書き出しました', timeout: 30000 }));
    const path = await d.text(await d.waitFor('[data-testid=export-path]'));
    assert.match(result, /^\d+行を書き出しました: /, result);
    assert.match(path, /書き出し[/\\].+\.xlsx$/, path);
    assert.ok(existsSync(path), `the workbook exists: ${path}`);
    assert.ok(statSync(path).size > 1000, 'the workbook is not empty');
    assert.equal(readFileSync(path).subarray(0, 2).toString('latin1'), 'PK', 'an xlsx (a zip)');
    await settle();
    await shot(d, 'export');
  });

  await step('取り込み履歴: the import listed, then withdrawn as a whole with a reason', async () => {
    await d.click('[data-screen=persons]');
    await d.waitFor('h1', { text: '本人' });
    await d.type('[data-testid=person-filter]', '取込');
    const imported = () =>
      d.execute(`return [...document.querySelectorAll('button[data-person]')].filter((b) => b.textContent.includes('取込')).length`);
    let shown = 0;
    for (const end = Date.now() + 15000; shown !== 3 && Date.now() < end; ) {
      await settle(200);
      shown = await imported();
    }
    assert.equal(shown, 3, 'the imported persons are listed before the withdrawal');
    await d.button('取り込み履歴');
    const row = await d.waitFor('[data-testid=import-history] tr[data-batch]', { text: '追加 3', timeout: 15000 });
    assert.match(await d.text(row), /本人・扶養家族/);
    await d.button('この取り込みを取り消す');
    await d.waitFor('[data-testid=import-withdraw-confirm]', { text: '取り込み前の内容に戻ります' });
    await d.type('#import-withdraw-reason', '試しに取り込んだ名簿');
    await settle();
    await shot(d, 'import-history');
    await d.button('取り消す');
    await d.waitFor('[data-testid=import-history] [role=status]', { text: 'を取り消しました', timeout: 15000 });
    await d.waitFor('[data-testid=import-history] tr[data-batch]', { text: '試しに取り込んだ名簿' });
    let left = shown;
    for (const end = Date.now() + 15000; left > 0 && Date.now() < end; ) {
      await settle(200);
      left = await imported();
    }
    assert.equal(left, 0, 'the withdrawn persons left the list');
  });
});

report('e2e-import-export-report.txt');
