// What a correction (訂正) sends: only the fields the clerk changed, the others null, so the
// API keeps them as they are.

/** Each field of `to` that differs from `from` (a list compared as a set), else null. */
export function changedFields<T extends object>(from: T, to: T): { [K in keyof T]: T[K] | null } {
  const out = {} as { [K in keyof T]: T[K] | null };
  for (const key of Object.keys(to) as (keyof T)[]) {
    const was = from[key];
    const now = to[key];
    const same =
      Array.isArray(was) && Array.isArray(now)
        ? was.length === now.length && now.every((x) => was.includes(x))
        : was === now;
    out[key] = same ? null : Array.isArray(now) ? ([...now] as T[keyof T]) : now;
  }
  return out;
}
