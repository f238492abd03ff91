// End-to-end: drives the real app (tauri-driver → WebKitWebDriver) under Xvfb through what a
// clerk does: first-run setup, login, a batch acquisition for 3 persons, a correction with a
// reason, the dashboard count, a disposal with a witness, a finalised evaluation, the 台帳
// previewed and printed to PDF, a 台帳 entry corrected, and the lock after idle. Screenshots of each screen go to docs/screenshots/.
//
// Usage: node tests/e2e/run.mjs <kiroku-app binary> <kiroku binary> <scratch dir>
// (scripts/e2e.sh starts Xvfb and tauri-driver and builds what is needed.)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { demoOffice, harness, sealedEnv } from './app.mjs';

const [app, kiroku, scratch] = process.argv.slice(2).map((p) => resolve(p));
const { step, shot, withApp: withSession, report } = harness({ app, scratch });
const withApp = (vault, fn) => withSession(['--vault', vault], fn);
const PASSWORD = 'e2e-password-1';
const baseEnv = sealedEnv(join(scratch, 'home'));

// 1. First-run setup on a vault that does not exist yet.
const fresh = join(scratch, 'new-office.kiroku');
await withApp(fresh, async (d) => {
  await step('first-run setup', async () => {
    await d.waitFor('h1', { text: '初回セットアップ' });
    await d.type('#org', 'みどり広域事務組合');
    await d.type('#officer-id', 'otsuka');
    await d.type('#officer-name', '大塚 正道');
    await d.type('#password', PASSWORD);
    await d.type('#confirm', PASSWORD);
    await shot(d, 'setup');
    await d.click('button[type=submit]');
    const code = await d.text(await d.waitFor('[data-testid=recovery-code]', { timeout: 30000 }));
    assert.match(code, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){6}$/);
    await d.click('[data-testid=print-recovery]');
    await d.waitFor('[data-testid=recovery-sheet-ready]', { text: 'この PC には残しません' });
    await shot(d, 'setup-recovery');
    await d.click('[data-testid=written-down]');
    await d.click('[data-testid=start]');
    await d.waitFor('h1', { text: 'ダッシュボード' });
  });
});
assert.ok(existsSync(fresh), 'the vault was created');
// The 復旧用キー was printed from a temporary file: nothing of it is left in the vault's folder.
// (The folder itself and its 帳票/, where printed forms go; not the scratch home's browser data.)
const vaultFolder = dirname(fresh);
const formsFolder = join(vaultFolder, '記録票');
const besideVault = [
  ...readdirSync(vaultFolder),
  ...(existsSync(formsFolder) ? readdirSync(formsFolder).map((f) => join('記録票', f)) : []),
];
const leftSheets = besideVault.filter((f) => f.includes('復旧用キー'));
assert.deepEqual(leftSheets, [], 'no recovery sheet left beside the vault');

// 2. The rest on a generated office (a few years of records).
const vault = join(scratch, 'demo-office.kiroku');
demoOffice(kiroku, vault, { env: baseEnv, password: PASSWORD, events: 1500, persons: 40 });

await withApp(vault, async (d) => {
  let before = 0;
  let ids = [];
  await step('log in', async () => {
    await d.waitFor('h1', { text: 'ログイン' });
    // Every request the CSP refuses from here on (a script, a font, a fetch) is kept.
    await d.execute(`window.__refused = [];
      document.addEventListener('securitypolicyviolation',
        (e) => window.__refused.push(e.violatedDirective + ' ' + e.blockedURI));`);
    await shot(d, 'login');
    await d.type('#login-user', 'jimukyokucho');
    await d.type('#login-password', PASSWORD);
    await d.click('button[type=submit]');
    await d.waitFor('h1', { text: 'ダッシュボード' });
    before = Number(await d.text(await d.waitFor('[data-testid=events-this-year]')));
    await shot(d, 'dashboard');
  });

  await step('batch acquisition for 3 persons', async () => {
    await d.click('[data-screen=events]');
    await d.waitFor('h1', { text: '取扱記録' });
    await d.click('.toolbar button.primary');
    await d.select('#entry-kind', 'acquire');
    await d.select('#entry-affair', '1');
    // The picker: focused, it offers the first persons; each click adds one as a chip.
    await d.click('#entry-person');
    for (let i = 0; i < 3; i += 1) await d.click('#entry-person-list li[data-person]');
    await d.waitFor('ul[aria-label="選んだ本人"]');
    await d.select('#entry-source', 'person');
    await d.select('#entry-method', 'mynumber_card');
    // 保存する書類: one new 一式 帳票 under a 台帳 file, by the rule the 関係事務 suggests (the
    // first rule if none is suggested), its dates shown before saving.
    await d.waitFor('#entry-doc-file option[value]:not([value=""])', { timeout: 30000 });
    await d.execute(
      `for (const css of ['#entry-doc-file', '#entry-doc-rule']) {
         const el = document.querySelector(css);
         if (!el.value) { el.value = el.options[1].value; el.dispatchEvent(new Event('change', { bubbles: true })); }
       }`,
    );
    await d.type('#entry-doc-name', '扶養控除等申告書 令和8年分');
    await d.waitFor('[data-testid=retention-preview]', { text: '一式', timeout: 30000 });
    await shot(d, 'entry');
    await d.click('form.entry button[type=submit]');
    const msg = await d.text(await d.waitFor('p.ok', { text: '3件の記録を保存しました' }));
    ids = [...msg.matchAll(/\d+/g)].map((m) => Number(m[0])).slice(1);
    assert.equal(ids.length, 3, msg);
  });

  await step('amend one with a reason', async () => {
    await d.type('[data-testid=event-filter]', String(ids[0]));
    await d.click(`button[data-event="${ids[0]}"]`);
    await d.click('[data-testid=event-correct]');
    await d.type('#fix-content', '個人番号カードの写しを添付');
    await d.click('form[aria-label="記録の訂正"] button[type=submit]');
    await d.waitFor('#fix-reason-error', { text: '理由' });
    await d.type('#fix-reason', '添付書類の記載漏れ');
    await d.click('form[aria-label="記録の訂正"] button[type=submit]');
    await d.waitFor('p.ok', { text: '訂正しました' });
    await d.waitFor('ol.history', { text: '第2版' });
    await shot(d, 'events');
  });

  await step('dashboard count changes', async () => {
    await d.click('[data-screen=dashboard]');
    await d.waitFor('[data-testid=events-this-year]', { text: String(before + 3) });
  });

  await step('home: 「取扱いを記録する」 opens a new record at once', async () => {
    await d.click('[aria-label="よく使う操作"] button.primary');
    await d.waitFor('form[aria-label="取扱記録の入力"]', { timeout: 30000 });
    await d.click('[data-screen=dashboard]');
    await d.waitFor('[data-testid=tile-disposal]');
    await shot(d, 'home');
  });

  await step('record a disposal with a witness, after a confirmation that says what', async () => {
    await d.click('[data-screen=disposal]');
    await d.waitFor('h1', { text: '保存文書・廃棄' });
    await d.waitFor('input[data-doc]', { timeout: 30000 });
    const docs = await d.findAll('input[data-doc]');
    assert.ok(docs.length > 0, 'documents are due');
    await d.clickElement(docs[0]);
    await d.select('#disp-method', 'shred');
    await d.select('#disp-witness', 'sato');
    await shot(d, 'disposal');
    await d.click('form[aria-label="廃棄・削除の記録"] button.primary');
    const said = await d.text(await d.waitFor('[data-testid=disposal-confirm]', { text: '廃棄済みとして記録します' }));
    assert.match(said, /1件を シュレッダー.* で 令和\d+年\d+月\d+日/);
    await shot(d, 'disposal-confirm');
    await d.click('[data-testid=disposal-confirm] button.primary');
    await d.waitFor('p.ok', { text: '1件の廃棄・削除を記録しました' });
  });

  await step('finalise a contractor evaluation', async () => {
    await d.click('[data-screen=contractors]');
    await d.waitFor('h1', { text: '委託先・評価シート' });
    await d.waitFor('ul.side button', { timeout: 30000 });
    const list = await d.findAll('ul.side button');
    await d.clickElement(list[1] ?? list[0]);
    await d.button('再評価');
    await d.click('[data-testid=contractor-confirm] button.primary');
    await d.waitFor('[data-testid=decision]', { text: '判定' });
    await d.execute(`for (const s of document.querySelectorAll('select[data-item]')) {
      s.value = 'A'; s.dispatchEvent(new Event('change', { bubbles: true })); }`);
    await shot(d, 'evaluation');
    await d.button('確定する', { prefix: true });
    await d.waitFor('p.ok', { text: '確定しました' });
    await d.waitFor('[data-testid=decision]', { text: '採用' });
  });

  await step('preview the 台帳 in the window, save it to PDF and find its text', async () => {
    await d.click('[data-screen=print]');
    await d.select('#print-form', 'ledger');
    await d.click('form button[type=submit]');
    await d.waitFor('[data-testid=preview-page]', { text: /^1 \/ \d+ ページ$/, timeout: 30000 });
    // The page is drawn: some of the canvas is dark (text and rules), most of it white.
    const inked = await d.executeAsync(`const done = arguments[0];
      const wait = () => {
        const c = document.querySelector('[data-testid=preview-canvas]');
        const px = c && c.width > 0 ? c.getContext('2d').getImageData(0, 0, c.width, c.height).data : null;
        let dark = 0;
        for (let i = 0; px && i < px.length; i += 4 * 7) if (px[i] < 128 && px[i + 3] > 0) dark++;
        if (dark > 500) done(dark); else setTimeout(wait, 200);
      };
      wait();`);
    assert.ok(inked > 500, 'the preview shows the page');
    assert.deepEqual(await d.execute('return window.__refused'), [], 'nothing refused by the CSP');
    await shot(d, 'print');
    await d.click('[data-testid=print-save]');
    const path = await d.text(await d.waitFor('[data-testid=print-path]', { timeout: 30000 }));
    const text = execFileSync('pdftotext', ['-raw', path, '-']).toString().replace(/\s/g, '');
    assert.ok(text.includes('特定個人情報管理台帳'), 'the title');
    assert.ok(text.includes('給与所得の源泉徴収票'), 'a 台帳 entry');
  });

  await step('correct a 台帳 entry with a reason (the history keeps 第1版)', async () => {
    await d.click('[data-screen=ledger]');
    await d.click('[data-ledger="1"]');
    await d.waitFor('[data-testid=ledger-history]', { text: '第1版' });
    await d.type('#amend-ledger-location', '書庫B（2階）');
    await d.type('#amend-ledger-reason', '書庫の移転');
    await d.button('訂正を保存');
    await d.waitFor('p.ok', { text: '訂正しました（第2版）' });
    const history = await d.text(await d.waitFor('[data-testid=ledger-history]', { text: '第2版' }));
    assert.match(history, /第1版/);
    assert.match(history, /第2版.*書庫B（2階）.*理由: 書庫の移転/);
    await shot(d, 'ledger');
  });

  await step('other screens', async () => {
    for (const screen of ['persons', 'audit']) {
      await d.click(`[data-screen=${screen}]`);
      await d.waitFor('h1');
      await new Promise((r) => setTimeout(r, 400));
      await shot(d, screen);
    }
  });

  await step('register a person, and a verified backup', async () => {
    await d.click('[data-screen=persons]');
    await d.execute(`document.querySelector('details').open = true`);
    await d.type('#person-name', '新井 一郎');
    await d.type('#person-dept', '総務課');
    await d.click('details form button[type=submit]');
    await d.waitFor('p.ok', { text: '新井 一郎' });
    await d.click('[data-screen=settings]');
    await d.button('バックアップを作る');
    await d.waitFor('[data-testid=backup-report]', { text: '検証済み', timeout: 60000 });
    await shot(d, 'settings');
  });

  await step('a date is read back in full as it is typed; an undrawable name is named', async () => {
    await d.click('[data-screen=events]');
    await d.waitFor('h1', { text: '取扱記録' });
    await d.click('.toolbar button.primary');
    await d.type('#entry-date', '7.4.1');
    await d.waitFor('[data-testid=date-echo]', { text: '令和7年4月1日 (2025-04-01)' });
    await d.type('#entry-date', '1999-01-01');
    await d.waitFor('[data-testid=date-echo]', { text: '平成27年10月5日' });
    await shot(d, 'date-echo');
    await d.click('[data-screen=persons]');
    await d.execute(`document.querySelector('details').open = true`);
    // WebDriver cannot type a character outside the BMP: set it as an IME would, then input.
    await d.execute(`const i = document.querySelector('#person-name'); i.value = '山田 \u{1F600}'; i.dispatchEvent(new Event('input', { bubbles: true }))`);
    await d.waitFor('[data-testid=text-warning]', { text: 'U+1F600' });
  });

  await step('rotate the master key: a new recovery code is shown once', async () => {
    await d.click('[data-screen=settings]');
    await d.button('暗号鍵を更新する…');
    await d.type('#key-reason', '退職者の鍵ファイル対策');
    await d.button('更新する');
    const code = await d.text(await d.waitFor('[data-testid=new-recovery-code]', { text: '新しい復旧コード', timeout: 60000 }));
    assert.match(code, /[0-9A-Z]{5}(-[0-9A-Z]{5}){6}/);
    await d.execute(`document.querySelector('[data-testid=new-recovery-code]').scrollIntoView({ block: 'center' })`);
    await shot(d, 'key-rotation');
  });

  await step('lock on idle', async () => {
    await d.click('[data-screen=settings]');
    await d.type('#set-lock', '1');
    await d.button('変更');
    await d.waitFor('p.ok', { text: '変更しました' });
    await d.waitFor('h1', { text: 'ログイン', timeout: 75000 });
    await d.waitFor('p.notice', { text: 'しばらく操作がなかったため' });
    const body = await d.execute('return document.body.innerText');
    assert.ok(!body.includes('ダッシュボード'), 'the screen is cleared');
  });
});

report('e2e-report.txt');
