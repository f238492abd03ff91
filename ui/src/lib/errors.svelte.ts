// Inline validation: a refused command's message is shown beside the field it names.
import { IpcError } from './ipc';

export class FormErrors {
  /** Message per field label; `''` holds a message that names no field of the form. */
  messages = $state<Record<string, string>>({});

  clear() {
    this.messages = {};
  }

  /** Records `e` under its field when the form has one with that label, else as general. */
  take(e: unknown, labels: string[]) {
    const message = e instanceof Error ? e.message : String(e);
    const field = e instanceof IpcError ? e.field : null;
    this.messages = field && labels.includes(field) ? { [field]: message } : { '': message };
  }

  of(label: string): string {
    return this.messages[label] ?? '';
  }

  get general(): string {
    return this.messages[''] ?? '';
  }
}
