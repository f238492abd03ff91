// The app's one vocabulary: each thing has one name on every screen, in the API's messages and in
// the 操作マニュアル. A word in `retired` once named the same thing (or two things at once) and is
// refused in ui/src by glossary.test.ts.

export interface GlossaryTerm {
  /** The word every screen uses. */
  word: string;
  /** What it names, as a clerk would explain it to a newcomer. */
  meaning: string;
  /** Words that named it before, and must not come back. */
  retired: string[];
}

export const GLOSSARY = {
  keptPaper: {
    word: '保存文書',
    meaning: '管理台帳のファイルに保管している書類・データ。保存期限が過ぎたら廃棄・削除します。',
    retired: ['帳票'],
  },
  printedForm: {
    word: '記録票',
    meaning: '印刷して綴る書式（取扱記録表・運用状況記録票・管理台帳・評価シート・廃棄記録簿など）。',
    retired: ['帳票'],
  },
  vaultFile: {
    word: '記録ファイル',
    meaning: 'すべての記録が入った、暗号化された一つのファイル。この PC の中にだけあります。',
    retired: ['金庫ファイル', 'ボールト', 'データベースファイル'],
  },
  kind: {
    word: '種別',
    meaning: '取扱いの種類（取得・利用・提供…）や、本人の種類（職員・役員…）。',
    retired: ['区分'],
  },
  leaveForm: {
    word: 'やめる（Esc）',
    meaning: '入力中の画面を、保存せずに閉じます。記録の取消しではありません（記録の誤りは「訂正」「誤登録として取り消す」で直します）。',
    retired: ['取消（Esc）', 'キャンセル'],
  },
} satisfies Record<string, GlossaryTerm>;

/** The menu's names of the screens, in the glossary's words. */
export const SCREEN_NAMES = {
  dashboard: 'ダッシュボード',
  events: '取扱記録',
  persons: '本人',
  ledger: '管理台帳',
  disposal: `${GLOSSARY.keptPaper.word}・廃棄`,
  contractors: '委託先・評価シート',
  incidents: '事故・漏えい',
  checks: '年次点検',
  print: '印刷',
  audit: '監査ログ',
  settings: '設定',
} as const;
