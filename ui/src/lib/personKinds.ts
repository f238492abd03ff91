// 本人の種別 (DOMAIN.md): the IDs the API takes and their labels.
export const personKinds = [
  ['staff', '職員等'],
  ['director', '理事・役員'],
  ['councillor', '組合議員'],
  ['third_party', '第三者'],
  ['employer_staff', '委託事業主の従業員'],
] as const;
