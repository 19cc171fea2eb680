/**
 * `load` once; every caller shares the same promise (also while it is in flight). A failure is not
 * remembered, so the next call tries again.
 */
export function rememberSuccess<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    if (!pending) {
      const attempt = load();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = null;
      });
    }
    return pending;
  };
}
