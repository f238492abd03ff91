// Keyboard rules of the entry forms: Enter saves and Esc cancels, but never while an IME is
// composing (Japanese input confirms its conversion with Enter).

/** True when this keydown is the user confirming the form, not an IME conversion. */
export function isSubmitKey(e: KeyboardEvent): boolean {
  // keyCode 229 is what WebKit reports for keys consumed by the IME.
  return e.key === 'Enter' && !e.isComposing && e.keyCode !== 229 && !e.shiftKey;
}

export function isCancelKey(e: KeyboardEvent): boolean {
  return e.key === 'Escape' && !e.isComposing;
}

/** The keydown handler: Enter submits, Esc cancels (textareas and buttons keep their Enter). */
export function formKeys(submit: () => void, cancel?: () => void) {
  return (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    if (isSubmitKey(e) && target?.tagName !== 'TEXTAREA' && target?.tagName !== 'BUTTON') {
      e.preventDefault();
      submit();
    } else if (cancel && isCancelKey(e)) {
      e.preventDefault();
      cancel();
    }
  };
}

/** Svelte action: `<form use:entryKeys={{ submit, cancel }}>`. */
export function entryKeys(
  node: HTMLElement,
  keys: { submit: () => void; cancel?: () => void },
) {
  let handler = formKeys(keys.submit, keys.cancel);
  const listener = (e: KeyboardEvent) => handler(e);
  node.addEventListener('keydown', listener);
  return {
    update(next: { submit: () => void; cancel?: () => void }) {
      handler = formKeys(next.submit, next.cancel);
    },
    destroy() {
      node.removeEventListener('keydown', listener);
    },
  };
}

/** Svelte action: Esc (not while the IME composes) inside `node` runs `cancel` — the key a
 * 「やめる（Esc）」 button promises. */
export function escapeKey(node: HTMLElement, cancel: () => void) {
  let current = cancel;
  const listener = (e: KeyboardEvent) => {
    if (isCancelKey(e)) {
      e.preventDefault();
      current();
    }
  };
  node.addEventListener('keydown', listener);
  return {
    update(next: () => void) {
      current = next;
    },
    destroy() {
      node.removeEventListener('keydown', listener);
    },
  };
}
