// The words a newcomer does not know, explained once: the 「？」 beside a term shows its text and
// the article it comes from (DOMAIN.md §5–6, the seed 規程). The 操作マニュアル is to be built from
// the same entries.

export interface HelpEntry {
  term: string;
  text: string;
  /** Where the rule comes from. */
  source: string;
}

export const HELP = {
  retainUntil: {
    term: '保存期限',
    text: '法令や規程で決められた保存期間の最後の日です。この日までは廃棄できません。',
    source: '民法第140条・第143条（期間の計算）、各法令の保存期間',
  },
  disposableFrom: {
    term: '廃棄可能日',
    text: '保存期限の翌日です。この日から廃棄・削除できます。これより前に廃棄するには、事務取扱責任者が理由を記録します。',
    source: '002 第21条④',
  },
  disposeBy: {
    term: '廃棄期限',
    text: '保存期間が過ぎてから1年以内の、廃棄・削除を終えるべき日です。通常は年度末（3月31日）にまとめて廃棄します。',
    source: '002 第21条⑤',
  },
  affair: {
    term: '関係事務',
    text: '個人番号を使う事務のことです（例: 源泉徴収票作成事務、雇用保険届出事務）。取扱記録はどの関係事務で扱ったかを書きます。',
    source: '番号法第2条第11項（個人番号関係事務）、各団体の取扱規程',
  },
  pattern: {
    term: '委託パターン',
    text: 'Ⅰ 取扱い（利用・加工等）を委託する／Ⅱ クラウド事業者に委託する／Ⅲ データセンター・倉庫会社など、受け取っている認識がない／Ⅳ 警備会社・清掃会社など、個人情報に触れる機会がある。パターンによって評価シートで評価する項目が変わります。',
    source: '001 別紙3（委託先評価シート）',
  },
  start: {
    term: '起算点',
    text: '保存期間を数え始める日の決め方です。「基準日から」「基準日の翌日から」「翌年1月10日の翌日から」「翌年度の4月1日から」のいずれかです。',
    source: '民法第140条、各法令の保存期間の定め',
  },
} satisfies Record<string, HelpEntry>;

export type HelpKey = keyof typeof HELP;
