// The API names a refused new password 「パスワード」; the recovery forms label that field
// 「新しいパスワード」 (beside 「復旧コード」), so its message is moved there.
import type { FormErrors } from './errors.svelte';

export function takeRecoveryError(errors: FormErrors, e: unknown) {
  errors.take(e, ['パスワード']);
  const message = errors.of('パスワード');
  if (message) errors.messages = { '新しいパスワード': message };
}
