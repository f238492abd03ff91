// 自動ロック: calls `onIdle` once when no input has been seen for `minutes`. The timer is
// restarted by any key, pointer or wheel event on the document.

export interface IdleTimer {
  /** Restarts the countdown (after activity, or with a new limit). */
  touch(): void;
  setMinutes(minutes: number): void;
  stop(): void;
}

const EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

export function startIdleTimer(
  minutes: number,
  onIdle: () => void,
  target: Pick<Document, 'addEventListener' | 'removeEventListener'> = document,
): IdleTimer {
  let limitMs = minutes * 60_000;
  let handle: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    if (handle !== undefined) clearTimeout(handle);
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
      if (handle !== undefined) clearTimeout(handle);
      for (const name of EVENTS) target.removeEventListener(name, touch);
    },
  };
}
