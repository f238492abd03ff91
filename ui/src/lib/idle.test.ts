import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startIdleTimer } from './idle';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('自動ロック', () => {
  it('warns 30 seconds before locking, and activity in time takes the warning back', () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const onWarn = vi.fn();
    const timer = startIdleTimer(5, onIdle, target as unknown as Document, onWarn);
    vi.advanceTimersByTime(4 * 60_000 + 29_000);
    expect(onWarn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onWarn).toHaveBeenLastCalledWith(true);
    expect(onIdle).not.toHaveBeenCalled();
    // The phone call ends: a key is pressed, the warning goes and the countdown starts again.
    target.dispatchEvent(new Event('keydown'));
    expect(onWarn).toHaveBeenLastCalledWith(false);
    vi.advanceTimersByTime(4 * 60_000 + 59_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledOnce();
    timer.stop();
  });
});
