import type { z } from 'zod';

/**
 * One thing wrong with a file a trainer wrote: which file, where in it (a JSON path such as
 * `$.callGraph.nodes[3].next`) and why, in words a trainer can act on.
 */
export interface Problem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/** Formats a property path the way trainers' editors show it: `$.clips[2].captions[0].end`. */
export function jsonPath(segments: readonly PropertyKey[]): string {
  let out = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** Turns a schema library error into located problems for one file. */
export function problemsFromSchemaError(file: string, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ file, path: jsonPath(issue.path), message: issue.message }));
}

export function formatProblem(problem: Problem): string {
  return `${problem.file} ${problem.path}: ${problem.message}`;
}

/** Thrown when a file cannot be read as the format it claims to be; carries every problem found. */
export class FormatError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'FormatError';
  }
}

/**
 * Runs a parser and, when it throws FormatError, adds its located problems to `problems` and
 * returns undefined instead of throwing: for checkers that report every problem in one pass.
 */
export function parseOrCollect<T>(parse: () => T, problems: Problem[]): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof FormatError) {
      problems.push(...error.problems);
      return undefined;
    }
    throw error;
  }
}
