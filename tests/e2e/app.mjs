// What the end-to-end runs share: timed steps, screenshots into docs/screenshots/, and a session
// of the app (through tauri-driver) that leaves a screenshot of the failure behind.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Driver } from './webdriver.mjs';

/**
 * The helpers of one run: `step(name, fn)` times and logs a step, `shot(d, name)` saves
 * docs/screenshots/app-NAME.png, `withApp(args, fn)` runs `fn(driver)` in a fresh session of the
 * app, `report(file)` writes and prints the steps with their timings.
 */
export function harness({ app, scratch }) {
  const shots = resolve('docs/screenshots');
  mkdirSync(shots, { recursive: true });
  const steps = [];

  async function step(name, fn) {
    const t = Date.now();
    await fn();
    steps.push(`${name}: ok (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    console.log(`✓ ${name}`);
  }

  async function shot(d, name) {
    writeFileSync(join(shots, `app-${name}.png`), await d.screenshot());
  }

  async function withApp(args, fn) {
    const d = new Driver();
    // tauri-driver passes arguments, not environment: the scratch XDG folders (and the e2e
    // clock's file) are set on it by scripts/e2e.sh, and the vault is given as --vault.
    await d.start(app, args);
    try {
      await fn(d);
    } catch (e) {
      writeFileSync(join(scratch, 'failure.png'), await d.screenshot().catch(() => Buffer.alloc(0)));
      throw e;
    } finally {
      await d.quit();
    }
  }

  function report(file) {
    writeFileSync(join(scratch, file), steps.join('\n') + '\n');
    console.log(steps.join('\n'));
  }

  return { step, shot, withApp, report, steps };
}

/**
 * Logs in from the login screen and waits for the home — or, with `{ home: false }`, for
 * whichever screen the app opens (after a lock, the same user is back where they were).
 */
export async function logIn(d, user, password, { home = true } = {}) {
  await d.waitFor('h1', { text: 'ログイン' });
  await d.type('#login-user', user);
  await d.type('#login-password', password);
  await d.click('section[aria-labelledby=login-title] button[type=submit]');
  if (home) await d.waitFor('h1', { text: 'ダッシュボード', timeout: 30000 });
  else await d.waitFor('[data-testid=lock]', { timeout: 30000 });
}

/** Waits a moment for the screen to settle (lists loaded, fonts drawn) before a screenshot. */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/** A date 「令和16年1月11日」 as a UTC Date of that calendar day (令和 only). */
export function reiwa(label) {
  const m = /令和(元|\d+)年(\d+)月(\d+)日/.exec(label);
  if (!m) throw new Error(`not a 令和 date: ${label}`);
  const year = 2018 + (m[1] === '元' ? 1 : Number(m[1]));
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3])));
}

/** Today in Japan (the office's calendar), as a UTC Date of that day. */
export function todayInJapan(now = new Date()) {
  const jst = new Date(now.getTime() + 9 * 3600 * 1000);
  return new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate()));
}

/**
 * A generated office at `vault` (`kiroku demo`: `events` records of `persons` people over a few
 * years), its users' password `password`, made with the CLI under `env` (a `sealedEnv`).
 */
export function demoOffice(kiroku, vault, { env, password, events, persons }) {
  execFileSync(kiroku, ['demo', '--out', vault, '--events', String(events), '--persons', String(persons)], {
    env: { ...process.env, ...env, KIROKU_NEW_PASSWORD: password },
    stdio: 'ignore',
  });
}

/**
 * The environment a script's CLI runs get: no OS credential store and XDG folders under `home`
 * (made here), never the real home.
 */
export function sealedEnv(home) {
  const env = {
    KIROKU_CREDENTIAL_STORE: 'none',
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
  };
  for (const d of Object.values(env).slice(1)) mkdirSync(d, { recursive: true });
  return env;
}
