import { useEffect, useState } from 'react';

export type LoadState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly message: string };

/**
 * Runs an async load when its key changes and reports loading / ready / failed. A result is kept
 * with the key it was loaded for, so a new key reads as loading until its own result arrives.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): LoadState<T> {
  const [result, setResult] = useState<{ key: string; state: LoadState<T> } | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setResult({ key, state: { status: 'ready', value } }),
      (error: unknown) => live && setResult({ key, state: { status: 'failed', message: error instanceof Error ? error.message : String(error) } }),
    );
    return () => {
      live = false;
    };
    // The key names what is loaded; `load` is a fresh closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return result?.key === key ? result.state : { status: 'loading' };
}
