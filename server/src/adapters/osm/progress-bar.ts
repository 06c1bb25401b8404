/** Where progress is drawn: a TTY gets a redrawn bar, anything else percentage lines. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const BAR_WIDTH = 30;
/** Without a TTY, a line every this many percent. */
const LINE_STEP_PERCENT = 10;

/**
 * A `progress(fraction, label)` callback for long commands: on a TTY one line
 * `[##########--------------------]  33% read` redrawn in place (a newline when a phase ends or
 * the label changes); otherwise a `read 10%` line every 10 %, so logs stay short.
 *
 * @example
 * const progress = createProgressReporter(process.stderr);
 * progress(0.5, "read");
 */
export function createProgressReporter(stream: ProgressStream): (fraction: number, label: string) => void {
  let lastLabel = "";
  let lastShown = -1;
  let lineOpen = false;
  return (fraction, label) => {
    const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (label !== lastLabel) {
      if (lineOpen) stream.write("\n");
      lineOpen = false;
      lastLabel = label;
      lastShown = -1;
    }
    const shown = stream.isTTY || percent === 100 ? percent : percent - (percent % LINE_STEP_PERCENT);
    if (shown <= lastShown) return;
    lastShown = shown;
    if (!stream.isTTY) {
      stream.write(`${label} ${shown}%\n`);
      return;
    }
    const filled = Math.round((shown / 100) * BAR_WIDTH);
    stream.write(
      `\r[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${String(shown).padStart(3)}% ${label}`,
    );
    lineOpen = shown < 100;
    if (!lineOpen) stream.write("\n");
  };
}
