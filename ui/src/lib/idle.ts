// 自動ロック: calls `onIdle` once when no input has been seen for `minutes`, and `onWarn(true)`
// 30 seconds before (`onWarn(false)` when activity comes back in time). The timer is restarted by
// any key, pointer or wheel event on the document.

export interface IdleTimer {
  /** Restarts the countdown (after activity, or with a new limit). */
  touch(): void;
  setMinutes(minutes: number): void;
  stop(): void;
}

const EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

/** How long before the lock the user is warned. */
export const WARN_BEFORE_MS = 30_000;

export function startIdleTimer(
  minutes: number,
  onIdle: () => void,
  target: Pick<Document, 'addEventListener' | 'removeEventListener'> = document,
  onWarn: (warning: boolean) => void = () => {},
): IdleTimer {
  let limitMs = minutes * 60_000;
  let handle: ReturnType<typeof setTimeout> | undefined;
  let warnHandle: ReturnType<typeof setTimeout> | undefined;
  let warned = false;
  const clear = () => {
    if (handle !== undefined) clearTimeout(handle);
    if (warnHandle !== undefined) clearTimeout(warnHandle);
  };
  const touch = () => {
    clear();
    if (warned) {
      warned = false;
      onWarn(false);
    }
    if (limitMs > WARN_BEFORE_MS) {
      warnHandle = setTimeout(() => {
        warned = true;
        onWarn(true);
      }, limitMs - WARN_BEFORE_MS);
    }
    handle = setTimeout(onIdle, limitMs);
  };
  for (const name of EVENTS) target.addEventListener(name, touch, { passive: true });
  touch();
  return {
    touch,
    setMinutes(m: number) {
      limitMs = m * 60_000;
      touch();
    },
    stop() {
      clear();
      for (const name of EVENTS) target.removeEventListener(name, touch);
    },
  };
}
