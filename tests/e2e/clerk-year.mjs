// The acceptance run of issue 15: a clerk's year in the window alone, no command line at all.
// First start on a fresh vault in its own folder → setup → the recovery sheet printed (and no
// file of it left beside the vault) → a clerk added → a 台帳 file → 本人 with フリガナ and a
// 扶養家族 → a 取得 for 3 persons (picked by typing kana) with one 扶養家族 ticked, filed as a
// new 帳票 whose 廃棄可能日 is read from the preview → 利用 and 提出 → one record corrected (本人
// changed) and one withdrawn (shown struck through) → a 委託先 with its 契約条項 → the e2e clock
// moved to the 廃棄可能日 → the 帳票 in 今年度の廃棄一覧, disposed of by the 委託先 after the
// confirmation → its 証明書 received → the 廃棄記録簿 saved as a PDF and read back → locked →
// 「パスワードを忘れた場合」 with the recovery code → logged in with the new password.
//
// Usage: node tests/e2e/clerk-year.mjs <kiroku-app binary> <scratch dir>
// with KIROKU_E2E_CLOCK_FILE set (on tauri-driver too) and the app built with `e2e-clock`.
// Screenshots of the new screens go to docs/screenshots/app-*.png.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { harness, logIn, settle, reiwa, todayInJapan } from './app.mjs';
import { Key } from './webdriver.mjs';

const [app, scratch] = process.argv.slice(2).map((p) => resolve(p));
const clockFile = process.env.KIROKU_E2E_CLOCK_FILE;
assert.ok(clockFile, 'KIROKU_E2E_CLOCK_FILE is set (scripts/e2e.sh exports it before tauri-driver starts)');
writeFileSync(clockFile, '0\n');
const { step, shot, withApp, report } = harness({ app, scratch });

const office = join(scratch, 'clerk-year');
mkdirSync(office, { recursive: true });
const vault = join(office, 'midori.kiroku');
const OFFICER = { id: 'otsuka', name: '大塚 正道', password: 'otsuka-pass-2026' };
const CLERK = { id: 'tanaka', name: '田中 花子', password: 'tanaka-pass-2026', renewed: 'tanaka-new-pass-2034' };
const FILE_NAME = '給与所得者の扶養控除等（異動）申告書';
const DOC_NAME = '扶養控除等申告書 令和8年分（採用時）';
const CONTRACTOR = 'みどり文書リサイクル株式会社';
const CERTIFICATE = 'MR-2034-0117';
const PERSONS = [
  { name: '青木 健太', kana: 'アオキ ケンタ', dept: '総務課' },
  { name: '石川 美咲', kana: 'イシカワ ミサキ', dept: '総務課' },
  { name: '上田 翔', kana: 'ウエダ ショウ', dept: '業務課' },
  { name: '江藤 由美', kana: 'エトウ ユミ', dept: '業務課' },
];
const DEPENDENT = { name: '青木 陽菜', relation: '長女' };

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p).map((g) => join(f, g)) : [f];
  });
}

/** Nothing of the 復旧用キー beside the vault: no file named so, no PDF that holds the code. */
function noRecoverySheetBeside(code) {
  const files = filesUnder(office);
  assert.deepEqual(files.filter((f) => f.includes('復旧用キー')), [], 'no recovery sheet in the vault folder or 記録票/');
  const bare = code.replace(/-/g, '');
  for (const f of files.filter((f) => f.toLowerCase().endsWith('.pdf'))) {
    const text = execFileSync('pdftotext', ['-raw', join(office, f), '-']).toString().replace(/[\s-]/g, '');
    assert.ok(!text.includes(bare), `${f} does not hold the recovery code`);
  }
  return files;
}

let recoveryCode = '';
let disposableFrom = '';
const personIds = {};
const recordIds = {};

await withApp(['--vault', vault], async (d) => {
  await step('first start: the restore form is one click away', async () => {
    await d.waitFor('h1', { text: '初回セットアップ' });
    await d.click('[data-testid=restore-backup]');
    await d.waitFor('h1', { text: 'バックアップから復元' });
    await d.waitFor('#restore-code');
    await settle();
    await shot(d, 'restore');
    await d.button('戻る');
    await d.waitFor('h1', { text: '初回セットアップ' });
  });

  await step('setup, the recovery code captured and its sheet printed (nothing left beside the vault)', async () => {
    await d.type('#org', 'みどり広域事務組合');
    await d.type('#officer-id', OFFICER.id);
    await d.type('#officer-name', OFFICER.name);
    await d.type('#officer-dept', '総務課');
    await d.type('#password', OFFICER.password);
    await d.type('#confirm', OFFICER.password);
    await d.click('button[type=submit]');
    recoveryCode = (await d.text(await d.waitFor('[data-testid=recovery-code]', { timeout: 30000 }))).trim();
    assert.match(recoveryCode, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){6}$/);
    await d.click('[data-testid=print-recovery]');
    await d.waitFor('[data-testid=recovery-sheet-ready]', { text: 'この PC には残しません', timeout: 30000 });
    const files = noRecoverySheetBeside(recoveryCode);
    assert.ok(files.includes('midori.kiroku'), `the vault is in its folder (${files.join(', ')})`);
    await d.click('[data-testid=written-down]');
    await d.click('[data-testid=start]');
    await d.waitFor('h1', { text: 'ダッシュボード' });
  });

  await step('設定 → 利用者: a clerk added', async () => {
    await d.click('[data-screen=settings]');
    await d.waitFor('#users-title');
    await d.execute(`document.querySelector('section[aria-labelledby=users-title] details').open = true`);
    await d.type('#user-id', CLERK.id);
    await d.type('#user-name', CLERK.name);
    await d.select('#user-role', 'clerk');
    await d.type('#user-dept', '総務課');
    await d.type('#user-password', CLERK.password);
    await d.button('追加', { scope: 'section[aria-labelledby=users-title]' });
    await d.waitFor('section[aria-labelledby=users-title] p.ok', { text: `${CLERK.name}（${CLERK.id}）` });
    await d.waitFor(`tr[data-user=${CLERK.id}]`, { text: '有効' });
  });

  await step('管理台帳: the file the papers go in', async () => {
    await d.click('[data-screen=ledger]');
    await d.waitFor('h1', { text: '特定個人情報管理台帳' });
    await d.execute(`document.querySelector('details.card').open = true`);
    await d.type('#ledger-name', FILE_NAME);
    await d.type('#ledger-scope', '職員及び扶養親族の氏名・個人番号・住所');
    await d.type('#ledger-dept', '総務課');
    await d.select('#ledger-owner', OFFICER.id);
    await d.execute(`for (const c of document.querySelectorAll('#ledger-handlers input')) if (!c.checked) c.click();`);
    await d.type('#ledger-purpose', '源泉徴収事務（扶養控除の確認）');
    await d.type('#ledger-retention', '翌年1月10日の翌日から7年');
    await d.select('#ledger-disposal', 'shred');
    await d.type('#ledger-location', '総務課 書庫（施錠）');
    await d.button('登録', { scope: 'details.card' });
    await d.waitFor('p.ok', { text: `台帳 NO.1「${FILE_NAME}」を登録しました` });
  });

  await step('本人 with フリガナ (4), and a 扶養家族 added from a 本人\'s page', async () => {
    await d.click('[data-screen=persons]');
    await d.waitFor('h1', { text: '本人' });
    await d.execute(`document.querySelector('details.card').open = true`);
    for (const p of PERSONS) {
      await d.type('#person-name', p.name);
      await d.type('#person-kana', p.kana);
      await d.type('#person-dept', p.dept);
      await d.button('登録', { scope: 'details.card' });
      const said = await d.text(await d.waitFor('p.ok', { text: `${p.name}（ID` }));
      personIds[p.name] = Number(/ID (\d+)/.exec(said)[1]);
    }
    // The list finds a person by the hiragana of the フリガナ.
    await d.type('[data-testid=person-filter]', 'あおき');
    await d.click(`button[data-person="${personIds['青木 健太']}"]`);
    await d.waitFor('[data-testid=person-page] h2', { text: '青木 健太' });
    await d.button('扶養家族を追加', { scope: '[data-testid=person-page]' });
    await d.type('#dep-name', DEPENDENT.name);
    await d.type('#dep-relation', DEPENDENT.relation);
    await d.button('追加', { scope: 'form[aria-label="扶養家族の追加"]' });
    await d.waitFor('[data-testid=person-page] p.ok', { text: `扶養家族 ${DEPENDENT.name} を追加しました` });
    await d.waitFor('[data-testid=person-page] ul.dependents', { text: `${DEPENDENT.name}（${DEPENDENT.relation}）` });
    await d.execute(`document.querySelector('[data-testid=person-page]').scrollIntoView({ block: 'start' })`);
    await settle();
    await shot(d, 'person-page');
  });

  await step('home: the 「はじめに」 checklist ticks what is done; the rules kept as they are', async () => {
    await d.click('[data-screen=dashboard]');
    const list = '[data-testid=checklist]';
    for (const done of ['users', 'persons', 'ledger']) await d.waitFor(`${list} li[data-step=${done}] [aria-label=済み]`);
    for (const open of ['rules', 'contractors']) await d.waitFor(`${list} li[data-step=${open}] [aria-label=未了]`);
    await d.waitFor(`${list} h2`, { text: 'はじめに（3 / 5）' });
    await settle();
    await shot(d, 'checklist');
    await d.button('このままでよい', { scope: list });
    await d.waitFor(`${list} li[data-step=rules] [aria-label=済み]`);
  });

  await step('取得 for 3 persons picked by kana, one 扶養家族 ticked, filed as a new 帳票', async () => {
    await d.click('[data-screen=events]');
    await d.waitFor('h1', { text: '取扱記録' });
    await d.button('新しい記録');
    await d.waitFor('form[aria-label="取扱記録の入力"]');
    await d.select('#entry-kind', 'acquire');
    await d.select('#entry-affair', '1');
    // Typed in hiragana, found by the フリガナ; ↓ and Enter add a chip and never save the form.
    // Under a chosen 本人, their 扶養家族 to tick.
    for (const [typed, name] of [['あおき', '青木 健太'], ['いしかわ', '石川 美咲'], ['うえだ', '上田 翔']]) {
      await d.click('#entry-person');
      await d.keys('#entry-person', typed);
      await d.waitFor('#entry-person-list li[role=option]', { text: name });
      if (name === '上田 翔') {
        // The picker as the clerk sees it: chips, a ticked 扶養家族, the suggestions for a kana.
        await d.execute(`document.querySelector('form.entry').scrollIntoView({ block: 'start' })`);
        await settle();
        await shot(d, 'picker');
      }
      await d.keys('#entry-person', Key.ArrowDown + Key.Enter);
      await d.waitFor(`[data-chip="${personIds[name]}"]`);
      if (name === '青木 健太') {
        // The suggestions stay open under the focused search box: the tick is clicked as a
        // clerk would after leaving it (Esc), by script.
        await d.keys('#entry-person', Key.Escape);
        await d.waitFor('[aria-label="青木 健太の扶養家族"] input[type=checkbox]');
        await d.execute(`document.querySelector('[aria-label="青木 健太の扶養家族"] input[type=checkbox]').click()`);
      }
    }
    const chips = await d.findAll('ul[aria-label="選んだ本人"] [data-chip]');
    assert.equal(chips.length, 3, 'three chips');
    assert.equal((await d.findAll('p.ok')).length, 0, 'Enter in the picker saved nothing');
    await d.waitFor('form[aria-label="取扱記録の入力"]');
    await d.waitFor('form.entry p.hint', { text: '3人を選択・扶養家族 1人' });
    await d.select('#entry-source', 'person');
    await d.select('#entry-method', 'mynumber_card');
    await d.type('#entry-content', '採用時の扶養控除等申告書を受領');

    // 保存する書類: a new 帳票 (the default), the rule the 関係事務 suggests, its dates shown.
    await d.waitFor('#entry-doc-file option[value="1"]');
    await d.waitFor('.doc-part .hint', { text: '関係事務から選びました', timeout: 30000 });
    await d.type('#entry-doc-name', DOC_NAME);
    const preview = await d.text(await d.waitFor('[data-testid=retention-preview]', { text: '3人分を一式', timeout: 30000 }));
    disposableFrom = /廃棄可能日\s*(令和\S+?日)/.exec(preview)?.[1] ?? '';
    assert.ok(disposableFrom, `a 廃棄可能日 in «${preview}»`);
    await d.execute(`document.querySelector('.doc-part').scrollIntoView({ block: 'center' })`);
    await settle();
    await shot(d, 'entry-document');
    await d.click('form.entry button[type=submit]');
    const msg = await d.text(await d.waitFor('p.ok', { text: '件の記録を保存しました' }));
    const ids = [...msg.matchAll(/\d+/g)].map((m) => Number(m[0])).slice(1);
    assert.equal(ids.length, 4, `3 本人 and 1 扶養家族: ${msg}`);
    recordIds.acquire = ids;
  });

  /** One record from the entry form, for one person picked by name; its No. */
  async function record(kind, name, fill) {
    await d.button('新しい記録');
    await d.waitFor('form[aria-label="取扱記録の入力"]');
    await d.select('#entry-kind', kind);
    await d.select('#entry-affair', '1');
    await d.click('#entry-person');
    await d.keys('#entry-person', name.split(' ')[0]);
    await d.waitFor('#entry-person-list li[role=option]', { text: name });
    await d.keys('#entry-person', Key.Enter);
    await d.waitFor('ul[aria-label="選んだ本人"]', { text: name });
    await fill();
    const before = await d.execute(`return document.querySelector('p.ok')?.textContent ?? ''`);
    await d.click('form.entry button[type=submit]');
    const saved = (t) => t !== before && t.includes('1件の記録を保存しました');
    const msg = await d.text(await d.waitFor('p.ok', { text: saved }));
    return Number(/No\.(\d+)/.exec(msg)[1]);
  }

  const chooseFirst = (css) =>
    d.execute(`const el = document.querySelector(arguments[0]); el.value = el.options[1].value;
      el.dispatchEvent(new Event('change', { bubbles: true }));`, [css]);

  await step('利用 and 提出 recorded (and one of each entered by mistake)', async () => {
    recordIds.use = await record('use', '石川 美咲', () => d.type('#entry-content', '年末調整の計算に利用'));
    recordIds.submit = await record('submit', '石川 美咲', async () => {
      await d.waitFor('#entry-to option[value]:not([value=""])');
      await chooseFirst('#entry-to');
      await chooseFirst('#entry-via');
      await d.type('#entry-content', '給与支払報告書を提出');
    });
    // The same 利用 typed under the wrong person, and a 提出 entered twice.
    recordIds.wrongPerson = await record('use', '上田 翔', () => d.type('#entry-content', '年末調整の計算に利用（江藤分）'));
    recordIds.twice = await record('submit', '石川 美咲', async () => {
      await d.waitFor('#entry-to option[value]:not([value=""])');
      await chooseFirst('#entry-to');
      await chooseFirst('#entry-via');
      await d.type('#entry-content', '給与支払報告書を提出');
    });
  });

  await step('a wrong 本人 corrected through the detail\'s 訂正する', async () => {
    const id = recordIds.wrongPerson;
    await d.type('[data-testid=event-filter]', String(id));
    await d.click(`button[data-event="${id}"]`);
    await d.waitFor('[data-testid=event-detail] h2', { text: `No.${id}` });
    await d.waitFor('[data-testid=event-detail] dl', { text: '上田 翔' });
    await d.execute(`document.querySelector('[data-testid=event-detail]').scrollIntoView({ block: 'start' })`);
    await settle();
    await shot(d, 'event-detail');
    await d.click('[data-testid=event-correct]');
    await d.waitFor('form[aria-label="記録の訂正"]');
    await d.type('[data-testid=fix-person-filter]', 'えとう');
    await d.choose('#fix-person', '江藤 由美');
    await d.type('#fix-reason', '本人を取り違えて入力した');
    await d.execute(`document.querySelector('form[aria-label="記録の訂正"]').scrollIntoView({ block: 'start' })`);
    await settle();
    await shot(d, 'event-correction');
    await d.click('form[aria-label="記録の訂正"] button[type=submit]');
    await d.waitFor('p.ok', { text: `No.${id} を訂正しました（第2版）` });
    await d.waitFor('[data-testid=event-detail] dl', { text: '江藤 由美' });
    await d.waitFor('[data-testid=event-history]', { text: '理由: 本人を取り違えて入力した' });
  });

  await step('a record entered twice withdrawn (誤登録として取り消す), then shown struck through', async () => {
    const id = recordIds.twice;
    await d.select('[data-testid=event-filter]', '');
    await d.click(`button[data-event="${id}"]`);
    await d.waitFor('[data-testid=event-detail] h2', { text: `No.${id}` });
    await d.click('[data-testid=event-withdraw]');
    await d.waitFor('[data-testid=withdraw-confirm]', { text: '誤登録として取り消します' });
    // Enter in the reason does not confirm.
    await d.keys('#withdraw-reason', Key.Enter);
    await settle(200);
    await d.waitFor('[data-testid=withdraw-confirm]');
    await d.type('#withdraw-reason', `No.${recordIds.submit} と同じ提出を二重に登録した`);
    await d.execute(`document.querySelector('[data-testid=withdraw-confirm]').scrollIntoView({ block: 'center' })`);
    await settle();
    await shot(d, 'withdraw-confirm');
    await d.button('取り消す', { scope: '[data-testid=withdraw-confirm]' });
    await d.waitFor('p.ok', { text: `No.${id} を誤登録として取り消しました` });
    await d.waitFor('[data-testid=withdrawn-notice]', { text: '取消済' });
    const struck = await d.execute(
      `const row = document.querySelector('button[data-event="' + arguments[0] + '"]');
       return row && row.classList.contains('withdrawn')
         && [...row.querySelectorAll('span[style]')].every((s) => getComputedStyle(s).textDecorationLine.includes('line-through'));`,
      [id],
    );
    assert.ok(struck, 'the withdrawn record is struck through in the list');
    await d.waitFor(`button[data-event="${id}"] [data-testid=withdrawn-tag]`, { text: '取消済（理由:' });
    await d.waitFor('[data-testid=event-count]', { text: '（ほかに取消済 1件）' });
    await d.execute(`window.scrollTo(0, 0)`);
    await settle();
    await shot(d, 'events-withdrawn');
  });

  await step('委託先 registered with its 契約条項 ticked', async () => {
    await d.click('[data-screen=contractors]');
    await d.waitFor('h1', { text: '委託先・評価シート' });
    await d.button('委託先を登録…');
    await d.type('#con-name', CONTRACTOR);
    await d.select('#con-pattern', 'I');
    await d.type('#con-dept', '機密文書処理部');
    await d.type('#con-manager', '部長 森 一郎');
    await d.type('#con-work', '機密文書の溶解処理（回収・運搬を含む）');
    await d.type('#con-data', '保存期間を過ぎた扶養控除等申告書（施錠した回収箱）');
    await d.type('#con-pmark', '10820123(05)');
    await d.type('#con-pmark-expiry', '令和10年3月31日');
    await d.select('#con-leak', 'no');
    await d.click('form[aria-label="委託先の登録"] fieldset input[type=checkbox]');
    await settle();
    await shot(d, 'contractor-form');
    await d.button('登録する', { scope: 'form[aria-label="委託先の登録"]' });
    await d.waitFor('p.ok', { text: `「${CONTRACTOR}」を登録しました` });
    await d.waitFor('section[aria-label=契約条項] tbody input[type=checkbox]');
    await d.execute(`for (const c of document.querySelectorAll('section[aria-label=契約条項] tbody input[type=checkbox]')) c.click();`);
    await d.type('#clause-contract', '機密文書溶解処理業務委託契約書');
    await d.type('#clause-signed', '令和8年4月1日');
    const n = (await d.findAll('section[aria-label=契約条項] tbody input[type=checkbox]')).length;
    await d.execute(`document.querySelector('section[aria-label=契約条項]').scrollIntoView({ block: 'end' })`);
    await settle();
    await shot(d, 'contract-clauses');
    await d.button(`選んだ${n}件の条項を記録`);
    await d.waitFor('section[aria-label=契約条項] p.ok', { text: `${n}件の契約条項を記録しました` });
    await d.waitFor('section[aria-label=契約条項] h3', { text: '未確認 0件' });
  });

  await step('the clock moved to the 廃棄可能日; logged out and in again', async () => {
    const days = Math.round((reiwa(disposableFrom) - todayInJapan()) / 86400000);
    assert.ok(days > 365, `the 帳票 is kept for years (${days} days)`);
    writeFileSync(clockFile, `${days}\n`);
    await d.click('[data-testid=lock]');
    // Locked on 委託先・評価シート: the same user is back there, told so.
    await logIn(d, OFFICER.id, OFFICER.password, { home: false });
    await d.waitFor('h1', { text: '委託先・評価シート' });
    await d.waitFor('[data-testid=resumed]', { text: 'ロックする前の画面に戻りました' });
    await d.click('[data-screen=dashboard]');
    await d.waitFor('h1', { text: 'ダッシュボード' });
    // Every first step done: the checklist is gone from the home.
    await d.waitFor('[data-testid=tile-disposal]');
    assert.equal((await d.findAll('[data-testid=checklist]')).length, 0, 'no 「はじめに」 once all is done');
  });

  await step('the 帳票 is in 今年度の廃棄一覧, disposed of by the 委託先 after the confirmation', async () => {
    await d.button('今年度の廃棄一覧');
    await d.waitFor('h1', { text: '保存文書・廃棄' });
    const due = await d.text(await d.waitFor('section.disposal-group', { text: DOC_NAME, timeout: 30000 }));
    assert.match(due, /令和15年度の廃棄予定/, 'in this 年度\'s group');
    assert.ok(due.includes(disposableFrom), `its 廃棄可能日 ${disposableFrom} is shown`);
    await d.click(`input[aria-label="${DOC_NAME} を選ぶ"]`);
    await d.select('#disp-method', 'shred');
    await d.choose('#disp-contractor', CONTRACTOR);
    await d.button('選んだ1件の廃棄を記録…');
    const said = await d.text(await d.waitFor('[data-testid=disposal-confirm]', { text: '廃棄済みとして記録します' }));
    assert.match(said, new RegExp(`1件を シュレッダー.* で ${disposableFrom}.* に廃棄済みとして記録します（委託先: ${CONTRACTOR}`));
    await d.button('記録する', { scope: '[data-testid=disposal-confirm]' });
    await d.waitFor('p.ok', { text: '1件の廃棄・削除を記録しました' });
  });

  await step('証明書待ち → 証明書を受け取った', async () => {
    const waiting = 'section[aria-label=証明書待ち]';
    await d.waitFor(`${waiting} h2`, { text: '証明書待ち（1件）' });
    await d.waitFor(`${waiting} tbody`, { text: CONTRACTOR });
    await d.click(`button[aria-label="${DOC_NAME} の証明書を受け取った"]`);
    await d.type('#cert-number', CERTIFICATE);
    await d.execute(`document.querySelector('section[aria-label=証明書待ち]').scrollIntoView({ block: 'start' })`);
    await settle();
    await shot(d, 'disposal-certificate');
    await d.button('証明書を記録する');
    await d.waitFor('p.ok', { text: `${CONTRACTOR}の証明書を1件の廃棄について記録しました` });
    await d.waitFor(`${waiting} h2`, { text: '証明書待ち（0件）' });
  });

  await step('廃棄記録簿 (この一覧を印刷 → PDFで保存) read back', async () => {
    // 「この一覧を印刷」 on the disposal screen: the 印刷 screen with this 年度's 廃棄記録簿.
    await d.click('[data-screen=disposal]');
    await d.waitFor('[data-testid=schedule-headline]');
    await d.click('[data-testid=print-this-list]');
    await d.waitFor('h1', { text: '印刷' });
    assert.equal(await d.execute(`return document.querySelector('#print-form').value`), 'disposal');
    await d.click('form.card button[type=submit]');
    await d.waitFor('[data-testid=preview-page]', { text: '1 / 1 ページ', timeout: 30000 });
    await d.click('[data-testid=print-save]');
    const path = (await d.text(await d.waitFor('[data-testid=print-path]', { timeout: 30000 }))).trim();
    assert.ok(relative(office, path).startsWith('記録票'), `saved in 記録票/ beside the vault: ${path}`);
    const text = execFileSync('pdftotext', ['-raw', path, '-']).toString().replace(/\s/g, '');
    for (const [what, s] of [['title', '廃棄記録簿'], ['the 帳票', DOC_NAME], ['the 委託先', CONTRACTOR], ['the 証明書', CERTIFICATE]]) {
      assert.ok(text.includes(s.replace(/\s/g, '')), `${what} «${s}» in the PDF`);
    }
    await settle(600);
    await shot(d, 'print-disposal');
  });

  await step('locked; 「パスワードを忘れた場合」 with the recovery code; logged in with the new password', async () => {
    await d.click('[data-testid=lock]');
    await d.waitFor('h1', { text: 'ログイン' });
    noRecoverySheetBeside(recoveryCode);
    await d.click('[data-testid=forgot-password]');
    await d.waitFor('h1', { text: 'パスワードを忘れた場合' });
    await d.type('#recover-user', CLERK.id);
    await d.type('#recover-code', recoveryCode);
    await d.type('#recover-password', CLERK.renewed);
    await d.type('#recover-confirm', CLERK.renewed);
    await settle();
    await shot(d, 'recover-password');
    await d.button('新しいパスワードを設定');
    await d.waitFor('[data-testid=recovered]', { text: `${CLERK.id} の新しいパスワードを設定しました` });
    // The old password is refused, the new one opens the vault.
    await d.type('#login-password', CLERK.password);
    await d.click('section[aria-labelledby=login-title] button[type=submit]');
    await d.waitFor('section[aria-labelledby=login-title] p.error');
    await logIn(d, CLERK.id, CLERK.renewed);
    await d.waitFor('nav p.who', { text: CLERK.name });
  });
});

assert.ok(existsSync(vault));
report('clerk-year-report.txt');
