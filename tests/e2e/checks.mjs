// End-to-end: on a demo office (no backup yet, the yearly check not done) the home screen shows
// the reminders; the officer follows 「点検がまだ終わっていません」 to 年次点検, starts this
// 年度's check, finds the overdue papers under A3 with their records, answers M1 with a note,
// adds an improvement action, signs 作成 and prints the report. Screenshots:
// docs/screenshots/app-home-reminders.png, app-check.png.
//
// Usage: node tests/e2e/checks.mjs <kiroku-app binary> <kiroku binary> <scratch dir>
// (scripts/e2e.sh starts Xvfb and tauri-driver and builds what is needed.)
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { demoOffice, harness, logIn, sealedEnv, settle } from './app.mjs';

const [app, kiroku, scratch] = process.argv.slice(2).map((p) => resolve(p));
const { step, shot, withApp, report } = harness({ app, scratch });
const PASSWORD = 'e2e-password-1';
const baseEnv = sealedEnv(join(scratch, 'home-checks'));

const vault = join(scratch, 'check-office.kiroku');
demoOffice(kiroku, vault, { env: baseEnv, password: PASSWORD, events: 300, persons: 12 });

await withApp(['--vault', vault], async (d) => {
  await step('log in: the home screen shows the reminders', async () => {
    await logIn(d, 'jimukyokucho', PASSWORD);
    const box = await d.waitFor('[data-testid=reminders]', { timeout: 15000 });
    const text = await d.text(box);
    assert.match(text, /バックアップがありません/, text);
    await settle();
    await shot(d, 'home-reminders');
  });

  await step('a reminder put aside for 7 days is gone', async () => {
    await d.execute(`document.querySelector('[data-reminder=backup] button.quiet').click()`);
    let gone = false;
    for (let i = 0; i < 100 && !gone; i++) {
      gone = await d.execute(`return document.querySelector('[data-reminder=backup]') === null`);
      if (!gone) await new Promise((r) => setTimeout(r, 150));
    }
    assert.equal(gone, true, 'the backup reminder is put aside');
  });

  await step('the yearly check: A3 names the overdue papers, M1 answered, an action, 作成', async () => {
    await d.click('[data-screen=checks]');
    await d.button('今年度の点検を始める');
    const detail = await d.waitFor('[data-testid=check-detail]', { timeout: 20000 });
    const a3 = await d.text(await d.waitFor('[data-item=A3]'));
    assert.match(a3, /廃棄期限を過ぎた保存文書 \d+件/, a3);
    await d.execute(`document.querySelector('[data-item=A3] details').open = true`);
    await d.type('[aria-label="M1 の所見"]', '取扱区域は施錠、鍵は事務局長が管理');
    await d.execute(`[...document.querySelectorAll('[aria-label="M1 の結果"] button')].find((b) => b.textContent === '適').click()`);
    await d.waitFor('[role=status]', { text: 'M1 に回答しました', timeout: 15000 });
    await d.type('[aria-label="改善措置を追加"] label:nth-of-type(1) input', '期限を過ぎた雇用保険の控えを廃棄する');
    await d.type('[aria-label="改善措置を追加"] label:nth-of-type(2) input', '総務課');
    await d.type('[aria-label="改善措置を追加"] label:nth-of-type(3) input', '令和9年1月31日');
    await d.button('追加', { scope: '[aria-label="改善措置を追加"]' });
    await d.waitFor('[data-testid=check-actions]', { text: '期限を過ぎた雇用保険の控え', timeout: 15000 });
    await d.button('作成する');
    await d.waitFor('[data-step=creator]', { text: '（', timeout: 15000 });
    await d.button('PDF に印刷');
    await d.waitFor('[role=status]', { text: '点検結果報告書を印刷しました', timeout: 20000 });
    assert.ok(detail);
    await d.execute(`document.querySelector('[data-testid=check-detail] h2').scrollIntoView()`);
    await settle();
    await shot(d, 'check');
  });
});

report('e2e-checks-report.txt');
