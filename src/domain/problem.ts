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

/** Turns a schema library error into located problems for one file, each in plain words. */
export function problemsFromSchemaError(file: string, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ file, path: jsonPath(issue.path), message: plainWords(issue) }));
}

/** The schema library's own wording (a schema's own messages are already written for trainers). */
const LIBRARY_WORDING = /^(Too small|Too big|Invalid input|Invalid option|Unrecognized key|Invalid string|Invalid [A-Z]{2,})/;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object ({ … })',
  null: 'null',
};

/**
 * A schema issue as a trainer would say it: "Empty: write something here." rather than "Too
 * small: expected string to have >=1 characters". Messages a schema wrote itself pass unchanged.
 */
export function plainWords(issue: z.core.$ZodIssue): string {
  const { message } = issue;
  if (!LIBRARY_WORDING.test(message)) return message;
  switch (issue.code) {
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? 'Empty: write something here.' : `Too short: write at least ${n} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return n <= 1 ? 'Empty: add at least one.' : `Too few: add at least ${n}.`;
      if (issue.origin === 'number' || issue.origin === 'int') return issue.inclusive ? `Too small: must be ${n} or more.` : `Too small: must be more than ${n}.`;
      return message;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `Too long: at most ${n} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Too many: at most ${n}.`;
      if (issue.origin === 'number' || issue.origin === 'int') return issue.inclusive ? `Too big: must be ${n} or less.` : `Too big: must be less than ${n}.`;
      return message;
    }
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (/received undefined$/.test(message)) return `Missing: this is required (${expected}).`;
      if (issue.expected === 'int') return 'Must be a whole number.';
      const received = /received (\w+)$/.exec(message)?.[1];
      return received ? `Wrong kind of value: expected ${expected}, found ${TYPE_WORDS[received] ?? received}.` : `Wrong kind of value: expected ${expected}.`;
    }
    case 'invalid_value': {
      const values = issue.values.map((value) => (typeof value === 'string' ? `"${value}"` : String(value)));
      return values.length === 1 ? `Must be ${values[0]}.` : `Not one of the choices: must be one of ${values.join(', ')}.`;
    }
    case 'unrecognized_keys':
      return `Not part of the format: ${issue.keys.map((key) => `"${key}"`).join(', ')} (check the spelling, or remove it).`;
    case 'invalid_format':
      return issue.format === 'regex' ? `Not in the expected form (it must match ${issue.pattern ?? 'the pattern'}).` : `Not a valid ${issue.format}.`;
    default:
      return message;
  }
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
