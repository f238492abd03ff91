// The shared stylesheet's list layout: the header of a virtualised list (`.table-head` with its
// row class for the columns) keeps its own height, and only the rows fill their slot. (The
// 保存文書の一覧's header once took the whole screen: `.vrow-doc { height: 100% }` came later in the
// file and overrode `.table-head`'s height.)
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import css from './app.css?raw';

const rowClasses = ['vrow-grid', 'vrow-audit', 'vrow-person', 'vrow-doc'];

beforeAll(() => {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('virtualised list layout', () => {
  it.each(rowClasses)('the header with %s is one line high, not the height of its container', (row) => {
    document.body.innerHTML = `<div style="height: 900px"><div class="table-head ${row}"><span>ID</span></div></div>`;
    const head = document.querySelector('.table-head') as HTMLElement;
    expect(getComputedStyle(head).height).toBe('2rem');
  });

  it.each(rowClasses)('a %s row fills its slot in the list', (row) => {
    document.body.innerHTML = `<div class="vrow" style="height: 32px"><div class="${row}"><span>1</span></div></div>`;
    const el = document.querySelector(`.${row}`) as HTMLElement;
    expect(getComputedStyle(el).height).toBe('100%');
    expect(getComputedStyle(el).display).toBe('grid');
  });
});
