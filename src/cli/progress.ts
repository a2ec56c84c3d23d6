// Progress on stderr for long runs. Lines logged while the bar is shown are printed
// above it, so skip messages stay readable.
import cliProgress from 'cli-progress';

export interface Progress {
  tick(): void;
  /** Prints one line on stderr (above the bar when there is one). */
  log(line: string): void;
  stop(): void;
}

export const PROGRESS_MIN_FILES = 20;

/** `forced`: true/false from --progress/--no-progress, undefined = decide from file count and TTY. */
export function shouldShowProgress(total: number, forced: boolean | undefined, isTTY: boolean): boolean {
  if (forced !== undefined) return forced && total > 0;
  return isTTY && total >= PROGRESS_MIN_FILES;
}

export function createProgress(total: number, show: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!show) {
    return { tick: () => {}, log: (line) => void stream.write(`${line}\n`), stop: () => {} };
  }
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: 'extracting [{bar}] {value}/{total} documents | {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: !stream.isTTY,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(total, 0);
  return {
    tick: () => bar.increment(),
    log: (line) => bars.log(`${line}\n`),
    stop: () => {
      bars.update(); // flushes lines logged since the last redraw; stop() alone would drop them
      bars.stop();
    },
  };
}
