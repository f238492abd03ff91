// 「この一覧を印刷」: a list screen opens the 印刷 screen with its form and filters already
// chosen. The app provides the way there (setOpenPrint, in App.svelte); a list screen places a
// <PrintThisList preset={…} /> and needs no prop of its own.
import { getContext, setContext } from 'svelte';
import type { Wire } from './ipc';
import type { EventQuery } from './bindings/EventQuery';

/** The forms of the 印刷 screen, by the API's names. */
export type PrintForm = 'lifecycle' | 'chronological' | 'ledger' | 'evaluation' | 'disposal';

/** What the 印刷 screen opens with. */
export type PrintPreset = {
  form: PrintForm;
  /**
   * The list's filters, as the list sends them (`fy` as `2026`, `R8` or `令和8年度`; null or
   * absent: not filtered). The 別紙1 forms take them all; 廃棄 takes `fy`; the 台帳 none.
   */
  query?: Partial<Wire<EventQuery>>;
  /** 評価シート: the sheet's ID. */
  evaluation?: number | null;
  /** The filters the 印刷 screen has no field for, in words (「種別: 取得」), shown there. */
  note?: string;
};

/** Opens the 印刷 screen with a preset. */
export type OpenPrint = (preset: PrintPreset) => void;

const KEY = Symbol('open-print');

/** In App.svelte: how 「この一覧を印刷」 reaches the 印刷 screen. */
export function setOpenPrint(open: OpenPrint) {
  setContext(KEY, open);
}

/** In a component under the app: the way to the 印刷 screen (undefined outside the app). */
export function getOpenPrint(): OpenPrint | undefined {
  return getContext<OpenPrint | undefined>(KEY);
}
