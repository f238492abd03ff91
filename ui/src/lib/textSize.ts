// 文字サイズ: 標準 / 大 / 特大, remembered per user on this PC. The whole window scales with the
// root font size (every size in the stylesheet is in rem), so tables, forms and the sidebar grow
// together; the window's own zoom keys (Ctrl + / Ctrl −) work on top of it.

export const TEXT_SIZES = [
  { id: 'standard', label: '標準', percent: 100 },
  { id: 'large', label: '大', percent: 118.75 },
  { id: 'xlarge', label: '特大', percent: 137.5 },
] as const;

export type TextSize = (typeof TEXT_SIZES)[number]['id'];

const key = (user: string) => `kiroku.textSize:${user}`;

function isTextSize(v: string | null): v is TextSize {
  return TEXT_SIZES.some((s) => s.id === v);
}

/** The size this user chose on this PC (標準 until they choose). */
export function loadTextSize(user: string): TextSize {
  const saved = localStorage.getItem(key(user));
  return isTextSize(saved) ? saved : 'standard';
}

/** Scales the window to `size`. */
export function applyTextSize(size: TextSize): void {
  const percent = TEXT_SIZES.find((s) => s.id === size)?.percent ?? 100;
  document.documentElement.style.fontSize = `${percent}%`;
  document.documentElement.dataset.textSize = size;
}

/** Remembers `size` for `user` and applies it at once. */
export function chooseTextSize(user: string, size: TextSize): void {
  localStorage.setItem(key(user), size);
  applyTextSize(size);
}
