/**
 * One external program call, described as data so that the voice pipeline's pure parts can build
 * it and tests can read it; only src/cli/voice.ts runs it.
 */
export interface CommandSpec {
  /** Program name looked up on PATH, e.g. "sox". */
  readonly command: string;
  readonly args: readonly string[];
  /** Text written to the program's standard input, if any. */
  readonly stdin?: string;
  /** Exit codes that count as success; [0] when absent (`flite --version` exits 1). */
  readonly okExitCodes?: readonly number[];
}

/** What a finished command printed. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs commands; rejects with a readable error when one exits non-zero. */
export interface CommandRunner {
  run(spec: CommandSpec): Promise<CommandOutput>;
}

/** Shows a command the way a person would type it, for error messages and logs. */
export function describeCommand(spec: CommandSpec): string {
  const quote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  return [spec.command, ...spec.args].map(quote).join(' ');
}
