// End-to-end: the four screens a clerk uses most — the home, a new record's form, 廃棄 and a
// 評価シート — on an office laptop (1366×768) and a desktop (1920×1080), at 文字サイズ 標準 and
// 特大 (chosen in 設定 as a user would). On each: the sidebar's 「ロック」 and the form's 「保存」
// are on screen without scrolling, and the page is no wider than the window. Screenshots:
// docs/screenshots/app-size-<width>-<size>-<screen>.png (16 of them), to look at.
//
// Usage: node tests/e2e/sizes.mjs <kiroku-app binary> <kiroku binary> <scratch dir>
// (scripts/e2e.sh starts Xvfb and tauri-driver and builds what is needed.)
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { demoOffice, harness, logIn, sealedEnv, settle } from './app.mjs';

const [app, kiroku, scratch] = process.argv.slice(2).map((p) => resolve(p));
const { step, shot, withApp, report } = harness({ app, scratch });
const PASSWORD = 'e2e-password-1';
const baseEnv = sealedEnv(join(scratch, 'home-sizes'));

const vault = join(scratch, 'sizes-office.kiroku');
demoOffice(kiroku, vault, { env: baseEnv, password: PASSWORD, events: 400, persons: 30 });

const WINDOWS = [
  [1366, 768],
  [1920, 1080],
];
const TEXT_SIZES = [
  ['standard', '標準'],
  ['xlarge', '特大'],
];

/** Where an element is against the window: on screen, and the page as wide as the window. */
async function fits(d, css) {
  return d.execute(
    `const el = document.querySelector(arguments[0]);
     if (!el) return { found: false };
     const r = el.getBoundingClientRect();
     // What reaches past the window's right edge (the outermost such elements), to name in a failure.
     const clipped = (e) => { for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
     const wide = [...document.querySelectorAll('body *')]
       .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !clipped(e))
       .slice(-3)
       .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' «' + e.textContent.slice(0, 30) + '»');
     return { found: true, top: r.top, bottom: r.bottom, height: innerHeight, pageWidth: document.documentElement.scrollWidth, width: innerWidth, wide };`,
    [css],
  );
}

async function assertOnScreen(d, css, what) {
  const f = await fits(d, css);
  assert.ok(f.found, `${what}: not found`);
  assert.ok(f.top >= 0 && f.bottom <= f.height + 1, `${what} is off screen: ${JSON.stringify(f)}`);
  assert.ok(f.pageWidth <= f.width + 1, `the page is wider than the window: ${JSON.stringify(f)}`);
}

await withApp(['--vault', vault], async (d) => {
  await logIn(d, 'jimukyokucho', PASSWORD);
  for (const [size, label] of TEXT_SIZES) {
    await step(`文字サイズ ${label} in 設定`, async () => {
      await d.click('[data-screen=settings]');
      await d.waitFor('[role=radiogroup][aria-label=文字サイズ]');
      await d.execute(`document.querySelector('input[name=text-size][value=${size}]').click()`);
      const applied = await d.execute(`return document.documentElement.dataset.textSize`);
      assert.equal(applied, size);
    });
    for (const [width, height] of WINDOWS) {
      const name = (screen) => `size-${width}-${size}-${screen}`;
      await step(`${width}×${height}, ${label}: home, entry, 廃棄, 評価`, async () => {
        await d.setWindowSize(width, height);
        await settle(500);

        await d.click('[data-screen=dashboard]');
        await d.waitFor('h1', { text: 'ダッシュボード' });
        await d.execute('window.scrollTo(0, 0)');
        await d.waitFor('[data-testid=disposal-due]', { timeout: 20000 });
        await settle();
        await assertOnScreen(d, '[data-testid=lock]', 'ロック (home)');
        await shot(d, name('home'));

        await d.click('[data-screen=events]');
        await d.button('新しい記録');
        await d.waitFor('form[aria-label=取扱記録の入力]');
        await settle();
        await assertOnScreen(d, 'form[aria-label=取扱記録の入力] button[type=submit]', '保存 (entry)');
        await assertOnScreen(d, '[data-testid=lock]', 'ロック (entry)');
        await shot(d, name('entry'));
        await d.button('やめる（Esc）');

        await d.click('[data-screen=disposal]');
        await d.waitFor('h1', { text: '保存文書・廃棄' });
        await settle(800);
        await d.execute('window.scrollTo(0, 0)');
        await assertOnScreen(d, '[data-testid=lock]', 'ロック (廃棄)');
        // Every column of each group in view: none hidden behind a sideways scroll.
        const hidden = await d.execute(
          `return [...document.querySelectorAll('.disposal-group .table-scroll')]
             .filter((b) => b.scrollWidth > b.clientWidth + 1)
             .map((b) => b.closest('section').getAttribute('aria-label') + ' ' + b.scrollWidth + '>' + b.clientWidth)`,
        );
        assert.deepEqual(hidden, [], `廃棄 lists that scroll sideways at ${label}`);
        await shot(d, name('disposal'));

        await d.click('[data-screen=contractors]');
        await d.waitFor('ul.side button', { timeout: 30000 });
        // The first contractor with a 評価シート: its newest sheet.
        let opened = false;
        for (const c of await d.findAll('ul.side button')) {
          await d.clickElement(c);
          await settle(600);
          opened = await d.execute(
            `const links = [...document.querySelectorAll('button.link')].filter((b) => b.textContent.startsWith('評価 '));
             links.at(-1)?.click(); return links.length > 0;`,
          );
          if (opened) break;
        }
        assert.ok(opened, 'a contractor of the demo office has a 評価シート');
        await d.waitFor('[data-testid=decision]', { timeout: 20000 });
        await d.execute(`document.querySelector('[data-testid=decision]').scrollIntoView()`);
        await settle();
        await assertOnScreen(d, '[data-testid=lock]', 'ロック (評価)');
        await shot(d, name('evaluation'));
      });
    }
  }
  // Back to 標準 for whoever uses this profile next.
  await d.click('[data-screen=settings]');
  await d.execute(`document.querySelector('input[name=text-size][value=standard]').click()`);
});

report('e2e-sizes-report.txt');
