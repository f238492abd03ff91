// Pick-lists the Rust side describes once, in the entry forms (kiroku_core::entry_form).
import type { Wire } from './ipc';
import type { ChoiceView } from './bindings/ChoiceView';
import type { EventFormView } from './bindings/EventFormView';

/** 廃棄・削除の方法: the choices of the `dispose` form's method. */
export function disposalMethods(forms: Wire<EventFormView>[]): Wire<ChoiceView>[] {
  return forms.find((f) => f.kind === 'dispose')?.fields.find((f) => f.key === 'method')?.choices ?? [];
}
