// The correction (訂正) of a handling record: a draft pre-filled with the current version, and
// the request that sends only what the clerk changed. The detail keys come from the record
// itself and the entry forms (the Rust side), not from a list kept here.
import type { EventChanges } from './bindings/EventChanges';
import type { EventFields } from './bindings/EventFields';
import type { EventFormView } from './bindings/EventFormView';
import type { EventView } from './bindings/EventView';
import type { FieldView } from './bindings/FieldView';
import type { Wire } from './ipc';
import { FILE_KEY } from './eventFields';

/** What the correction form edits. Details are kept as the API writes them (`ID:内容`). */
export type EventDraft = {
  kind: string;
  date: string;
  affair: string;
  person: number | null;
  dependent: string;
  file: string;
  clerk: string;
  /** Each text or choice detail (`sealed` as `yes`/`no`), '' when not given. */
  details: Record<string, string>;
  measures: string[];
  note: string;
};

/** The draft of the record as it is now (every field filled with the current value). */
export function draftOf(view: Wire<EventView>): EventDraft {
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(view.fields)) {
    if (key === 'measures' || key === 'note') continue;
    if (key === 'sealed') details[key] = value === null ? '' : value ? 'yes' : 'no';
    else details[key] = typeof value === 'string' ? value : '';
  }
  return {
    kind: view.kind,
    date: view.date_label,
    affair: view.affair_id === null ? '' : String(view.affair_id),
    person: view.person_id,
    dependent: view.dependent_id === null ? '' : String(view.dependent_id),
    file: view.file === null ? '' : String(view.file),
    clerk: view.clerk.id,
    details,
    measures: [...view.fields.measures],
    note: view.fields.note ?? '',
  };
}

/** A choice detail's two parts: `tax_office:○○税務署` → [`tax_office`, `○○税務署`]. */
export function splitChoice(value: string): [string, string] {
  const at = value.indexOf(':');
  return at < 0 ? [value, ''] : [value.slice(0, at), value.slice(at + 1)];
}

export function joinChoice(id: string, text: string): string {
  return text.trim() ? `${id}:${text}` : id;
}

/** The detail fields a kind's form asks for (the 台帳 link is a field of the record itself). */
export function detailFields(forms: readonly Wire<EventFormView>[], kind: string): Wire<FieldView>[] {
  return (forms.find((f) => f.kind === kind)?.fields ?? []).filter((f) => f.key !== FILE_KEY);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * What the correction sends: each field the clerk changed, every other one null (kept).
 * When the kind changes, a detail the new kind does not take is cleared (''; the API drops them
 * too, including 安全措置 and 封緘, which a text cannot clear).
 */
export function eventChanges(
  view: Wire<EventView>,
  draft: EventDraft,
  forms: readonly Wire<EventFormView>[],
): Wire<EventChanges> {
  const was = draftOf(view);
  const asked = new Set(detailFields(forms, draft.kind).map((f) => f.key));
  const fields: Record<string, unknown> = { measures: [] };
  for (const key of Object.keys(view.fields)) {
    if (key === 'measures' || key === 'note') continue;
    const before = was.details[key] ?? '';
    const now = (draft.details[key] ?? '').trim();
    let change: unknown = null;
    if (!asked.has(key)) change = before !== '' && key !== 'sealed' ? '' : null;
    else if (now !== before) change = key === 'sealed' ? (now === '' ? null : now === 'yes') : now;
    fields[key] = change;
  }
  if (asked.has('measures') && draft.measures.length > 0 && !sameSet(draft.measures, was.measures)) {
    fields.measures = [...draft.measures];
  }
  const note = draft.note.trim();
  fields.note = note !== was.note ? note : null;

  const personChanged = draft.person !== was.person;
  const date = draft.date.trim();
  return {
    kind: draft.kind !== was.kind ? draft.kind : null,
    date: date !== was.date ? date : null,
    affair: draft.affair !== was.affair ? draft.affair : null,
    person: personChanged ? draft.person : null,
    dependent: personChanged
      ? draft.dependent || null
      : draft.dependent !== was.dependent
        ? draft.dependent
        : null,
    file: draft.file !== was.file ? draft.file : null,
    clerk: draft.clerk !== was.clerk ? draft.clerk : null,
    fields: fields as Wire<EventFields>,
  };
}

/** True when the changes change something. */
export function changesAnything(c: Wire<EventChanges>): boolean {
  const { fields, ...links } = c;
  return (
    Object.values(links).some((v) => v !== null) ||
    fields.measures.length > 0 ||
    Object.entries(fields).some(([k, v]) => k !== 'measures' && v !== null)
  );
}
