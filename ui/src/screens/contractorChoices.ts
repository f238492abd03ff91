// The pick-lists of the 委託先 forms: the 委託パターン (別紙3) and the leak question.

/** 委託パターン I–IV with what each means (別紙3). */
export const PATTERNS = [
  ['I', '特定個人情報等の取扱い（利用・加工等）を委託する場合'],
  ['II', 'クラウド事業者に委託する場合'],
  ['III', 'IDC、ISP、倉庫会社のように、特定個人情報等を受領している認識がない場合'],
  ['IV', '警備会社、清掃会社のように個人情報に触れる機会がある場合'],
] as const;

/** 過去2年間の漏えい事故: not asked yet, none, or some. */
export const leakChoice = [
  ['', '未確認'],
  ['no', 'なし'],
  ['yes', 'あり'],
] as const;

/** The select's value as the API takes it (`null`: not asked yet). */
export function leakValue(v: string): boolean | null {
  return v === 'yes' ? true : v === 'no' ? false : null;
}

/** The API's answer as the select's value. */
export function leakOption(v: boolean | null): string {
  return v === true ? 'yes' : v === false ? 'no' : '';
}
