import { describe, expect, it } from 'vitest';
import { isCancelKey, isSubmitKey } from './keys';

const key = (init: KeyboardEventInit & { keyCode?: number }) => {
  const e = new KeyboardEvent('keydown', init);
  if (init.keyCode !== undefined) Object.defineProperty(e, 'keyCode', { value: init.keyCode });
  return e;
};

describe('Enter and Esc in entry forms', () => {
  it('Enter submits', () => {
    expect(isSubmitKey(key({ key: 'Enter' }))).toBe(true);
  });
  it('Enter that confirms an IME conversion does not submit', () => {
    expect(isSubmitKey(key({ key: 'Enter', isComposing: true }))).toBe(false);
    expect(isSubmitKey(key({ key: 'Enter', keyCode: 229 }))).toBe(false);
  });
  it('Shift+Enter and other keys do not submit', () => {
    expect(isSubmitKey(key({ key: 'Enter', shiftKey: true }))).toBe(false);
    expect(isSubmitKey(key({ key: 'a' }))).toBe(false);
  });
  it('Esc cancels unless the IME is composing', () => {
    expect(isCancelKey(key({ key: 'Escape' }))).toBe(true);
    expect(isCancelKey(key({ key: 'Escape', isComposing: true }))).toBe(false);
  });
});
