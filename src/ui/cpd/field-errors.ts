import type { z } from 'zod';

/** The first message for each top-level field of a form's schema error: shown at that field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const found: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    found[field] ??= issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
  }
  return found;
}
