// Errors the CLI reports as one plain line (no stack unless --verbose), with an exit code.
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** The one line printed for an error; the stack only when asked for. */
export function describeError(err: unknown, verbose: boolean): string {
  if (verbose && err instanceof Error && err.stack) return err.stack;
  if (err instanceof Error) return err.message.split('\n')[0];
  return String(err);
}
