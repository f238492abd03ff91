// End-to-end: an officer starts from the home screen's 「事故・漏えいを報告する」, records the
// 第一報 of a mis-sent envelope (known three days ago), establishes the facts (漏えい, at most 150
// persons), sees the decision (規則第2条4号) and confirms it, then finds the incident with its
// days left on the home screen. Screenshots: docs/screenshots/app-incident.png,
// app-home-incidents.png.
//
// Usage: node tests/e2e/incidents.mjs <kiroku-app binary> <kiroku binary> <scratch dir>
// (scripts/e2e.sh starts Xvfb and tauri-driver and builds what is needed.)
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { demoOffice, harness, logIn, sealedEnv, settle } from './app.mjs';

const [app, kiroku, scratch] = process.argv.slice(2).map((p) => resolve(p));
const { step, shot, withApp, report } = harness({ app, scratch });
const PASSWORD = 'e2e-password-1';
const baseEnv = sealedEnv(join(scratch, 'home-incidents'));

const vault = join(scratch, 'incident-office.kiroku');
demoOffice(kiroku, vault, { env: baseEnv, password: PASSWORD, events: 200, persons: 10 });

// 知った日: three days ago, in 西暦 (the API reads both; the day is the office's, JST).
const jst = new Date(Date.now() + 9 * 3600 * 1000 - 3 * 86400 * 1000);
const knownOn = `${jst.getUTCFullYear()}-${String(jst.getUTCMonth() + 1).padStart(2, '0')}-${String(jst.getUTCDate()).padStart(2, '0')}`;

await withApp(['--vault', vault], async (d) => {
  await step('log in', async () => {
    await logIn(d, 'jimukyokucho', PASSWORD);
  });

  await step('第一報 from the home screen in one click', async () => {
    await d.waitFor('[data-testid=report-incident]');
    await d.click('[data-testid=report-incident]');
    await d.waitFor('[data-testid=incident-first-report]');
    await d.type('#incident-finder', '佐藤 花子');
    await d.execute(`const i = document.getElementById('incident-known-on'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true }));`);
    await d.type('#incident-known-on', knownOn);
    await d.type('#incident-known-time', '16:40');
    await d.type('#incident-what', '扶養控除等申告書の封筒を別の事業所へ誤って送付した');
    await d.type('#incident-medium', '紙');
    await d.button('記録する', { scope: '[data-testid=incident-first-report]' });
    await d.waitFor('[role=status]', { text: '第一報を記録しました', timeout: 15000 });
    await d.waitFor('[data-testid=incident-detail]');
  });

  await step('the officer establishes the facts and confirms the decision', async () => {
    // The detail's frame is drawn before its incident is read back: wait for the form itself.
    await d.waitFor('[data-testid=incident-detail] input[type=checkbox][value=leak]');
    await d.execute(`[...document.querySelectorAll('[data-testid=incident-detail] input[type=checkbox]')].find((c) => c.value === 'leak').click()`);
    await d.type('#incident-count', '150');
    await d.execute(`[...document.querySelectorAll('[data-testid=incident-detail] label.check')].find((l) => l.textContent.includes('人数は確定していない')).querySelector('input').click()`);
    await d.type('#incident-reason', '事実確認');
    await d.button('事実確認を保存する');
    const decision = await d.waitFor('[data-testid=incident-decision]', { text: '報告が必要です', timeout: 15000 });
    const words = await d.text(decision);
    assert.match(words, /速報 (あと\d+日|今日まで|\d+日超過)/, words);
    assert.match(words, /確報 あと\d+日/, words);
    const rows = await d.text(await d.waitFor('[data-testid=incident-rows]'));
    assert.match(rows, /規則第2条4号\s*○/, rows);
    await d.button('判定どおり確認する');
    await d.waitFor('[data-testid=incident-detail]', { text: '判定の確認: 判定どおり', timeout: 15000 });
    await d.execute(`document.querySelector('[data-testid=incident-detail] h2').scrollIntoView()`);
    await settle();
    await shot(d, 'incident');
  });

  await step('the home screen shows the deadline', async () => {
    await d.click('[data-screen=dashboard]');
    const item = await d.waitFor('[data-testid=home-incidents] li', { text: '確報 あと', timeout: 15000 });
    const text = await d.text(item);
    assert.match(text, /扶養控除等申告書の封筒/, text);
    assert.match(text, /確報 あと\d+日（.+まで）/, text);
    // 速報 is due on day 5: three days in, it is urgent (red).
    const urgent = await d.execute(`return document.querySelector('[data-testid=home-incidents] li').classList.contains('urgent')`);
    assert.equal(urgent, true, 'shown red');
    await settle();
    await shot(d, 'home-incidents');
  });
});

report('e2e-incidents-report.txt');
