// For the Vitest tests of lock without loss (issue 20): the lock and the next login as the app
// does them (drafts.ts), and a <details> opened the way a browser opens it.
import { fireEvent, screen } from '@testing-library/svelte';
import { keepForLock, resumeAfterLock } from './drafts';

/**
 * Locks while `view` is on `screenName` (kato's screen), unmounts it as the lock does, then logs
 * in as `who`: the screen to return to (kato only), else null.
 */
export function lockAndLogIn(view: { unmount: () => void }, screenName: string, who: string): string | null {
  keepForLock('kato', screenName);
  view.unmount();
  return resumeAfterLock(who);
}

/** Opens the <details> whose summary reads `summary`, as a click on it does (jsdom does not). */
export async function openDetails(summary: string): Promise<void> {
  const details = screen.getByText(summary).closest('details');
  if (!details) throw new Error(`no <details> with the summary 「${summary}」`);
  details.open = true;
  await fireEvent(details, new Event('toggle'));
}
