// The details of a handling event, built from the entry form's field list (which the Rust
// side draws from the core): no list of detail keys is kept here, so a detail added in the
// core reaches this request without a change to the screen.
import type { EventFields } from './bindings/EventFields';
import type { FieldView } from './bindings/FieldView';
import type { Wire } from './ipc';

/** The key of the 台帳 link: a field of the entry form, but not a detail of the event. */
export const FILE_KEY = 'file';

/**
 * The details the form's `fields` ask for, each read as its input says: texts trimmed (blank
 * is not given), yes/no as a flag, a multiple choice as its list. Details the form does not
 * ask for are left out; the API reads them as not given.
 */
export function eventFields(
  fields: readonly Wire<FieldView>[],
  values: Record<string, string>,
  lists: Record<string, string[]>,
  note: string,
): Wire<EventFields> {
  const details: Record<string, unknown> = { measures: [], note: note.trim() || null };
  for (const f of fields) {
    if (f.key === FILE_KEY) continue;
    const text = (values[f.key] ?? '').trim();
    if (f.input === 'multi') details[f.key] = lists[f.key] ?? [];
    else if (f.input === 'yes_no') details[f.key] = text === '' ? null : text === 'yes';
    else details[f.key] = text || null;
  }
  return details as Wire<EventFields>;
}

/**
 * A correction's details: only the texts given change (an empty one is not given); every
 * other detail stays as it is.
 */
export function changedDetails(texts: Partial<Record<keyof EventFields, string>>): Wire<EventFields> {
  const details: Record<string, unknown> = { measures: [] };
  for (const [key, text] of Object.entries(texts)) details[key] = text || null;
  return details as Wire<EventFields>;
}
