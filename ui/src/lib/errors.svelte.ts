// Inline validation: a refused command's message is shown beside the field it names. Each
// <Field errors={…}> registers its label with its form's FormErrors, so the labels a form
// shows and the ones its messages may name are one list.
import { IpcError } from './ipc';

export class FormErrors {
  /** Message per field label; `''` holds a message that names no field of the form. */
  messages = $state<Record<string, string>>({});
  /** How many shown fields carry each label (not screen state: plain, not reactive). */
  #shown: Record<string, number> = {};

  clear() {
    this.messages = {};
  }

  /** A field shown in the form; returns its removal (when the field leaves the screen). */
  register(label: string): () => void {
    this.#shown[label] = (this.#shown[label] ?? 0) + 1;
    return () => {
      this.#shown[label] = (this.#shown[label] ?? 1) - 1;
    };
  }

  /**
   * Records `e` under its field when the form shows a field of that label (registered, or in
   * `extra` for a message shown elsewhere), else as the form's general message.
   */
  take(e: unknown, extra: string[] = []) {
    const message = e instanceof Error ? e.message : String(e);
    const field = e instanceof IpcError ? e.field : null;
    const known = field !== null && ((this.#shown[field] ?? 0) > 0 || extra.includes(field));
    this.messages = known ? { [field]: message } : { '': message };
  }

  /**
   * A password typed twice must be typed the same: when not, says so at 「パスワード（確認）」
   * and returns false (nothing is sent).
   */
  confirmed(password: string, again: string): boolean {
    if (password === again) return true;
    this.messages = { 'パスワード（確認）': 'パスワードが一致しません。同じものを2回入力してください。' };
    return false;
  }

  of(label: string): string {
    return this.messages[label] ?? '';
  }

  get general(): string {
    return this.messages[''] ?? '';
  }
}
