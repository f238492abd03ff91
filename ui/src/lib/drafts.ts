// Lock without loss: when the window locks (the idle timer or 「ロック」), every open screen and
// form hands its state over here — plain values in memory, never the DOM — and the screens are
// unmounted under the login. When the same user logs in again, the app returns to that screen
// and each form takes its state back; another user (or a logout) finds nothing, and the kept
// state is dropped.
import { onDestroy } from 'svelte';

/** Reads a form's state at the moment of locking (a plain copy: `$state.snapshot`). */
type Snapshot = () => unknown;

/** The forms on screen now, by key. */
const open = new Map<string, Snapshot>();

/** What the lock kept: whose it is, the screen, and each form's state until it is taken back. */
let kept: { user: string; screen: string; drafts: Map<string, unknown> } | null = null;

/**
 * Call while a component initialises: its state (read by `snapshot`) is kept if the window
 * locks while it is on screen. It stops being asked once the component is gone.
 */
export function keepOnLock(key: string, snapshot: Snapshot): void {
  open.set(key, snapshot);
  onDestroy(() => {
    if (open.get(key) === snapshot) open.delete(key);
  });
}

/** The state `key` had when the window locked, once (later calls get nothing). */
export function takeDraft<T>(key: string): T | undefined {
  if (!kept) return undefined;
  const draft = kept.drafts.get(key) as T | undefined;
  kept.drafts.delete(key);
  return draft;
}

/** Before the screens go: keeps every open form's state, for `user` on `screen`. */
export function keepForLock(user: string, screen: string): void {
  const drafts = new Map<string, unknown>();
  for (const [key, snapshot] of open) drafts.set(key, snapshot());
  kept = { user, screen, drafts };
}

/**
 * After a login: the screen to return to when `user` is the one who was working, else null —
 * and then what was kept is dropped, so nobody else ever sees it.
 */
export function resumeAfterLock(user: string): string | null {
  const was = kept;
  if (!was || was.user !== user) {
    kept = null;
    return null;
  }
  return was.screen;
}

/** Drops whatever the lock kept (a logout, or the state has been taken back). */
export function forgetKept(): void {
  kept = null;
}
