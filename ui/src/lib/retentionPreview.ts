// The dates a new 保存文書 would get (保存期限, 廃棄可能日, the 年度末 batch), asked as its rule and
// base date are typed — by the 保存文書 form and by a 取得's 「保存する書類」 alike.
import { api, type Wire } from './ipc';
import type { RetentionPreview } from './bindings/RetentionPreview';

/**
 * Asks the preview of `rule` counted from `base`; `show` receives it, or null and the refusal.
 * Returns the effect's cleanup: an answer that comes after a newer question is dropped.
 */
export function askRetentionPreview(
  rule: string,
  base: string,
  show: (preview: Wire<RetentionPreview> | null, error: string) => void,
): () => void {
  let current = true;
  api
    .retentionPreview({ rule, base_date: base })
    .then((p) => {
      if (current) show(p ?? null, '');
    })
    .catch((e: unknown) => {
      if (current) show(null, (e as Error).message);
    });
  return () => {
    current = false;
  };
}
