/**
 * The one progress display of long commands (send, directory crawl and import, preview). The stages
 * format the text; this decides when and how it reaches stderr. On a terminal: one line redrawn in place,
 * with a bar when the share done is known, finished with a newline at the end or before any other
 * message. Otherwise (a log, a pipe): plain lines, at most one every `plainEveryMs` of the clock, and
 * the final state; a line the same as the one just printed is not printed again.
 */
import type { Clock } from "../core/clock.js";

/** Where progress goes: stderr, or a fake in tests. */
export interface ProgressStream {
  /** A terminal: redraw one line in place. */
  readonly isTTY?: boolean | undefined;
  /** The terminal's width: a redrawn line is cut to fit, since a line that wraps cannot be redrawn. */
  readonly columns?: number | undefined;
  write(text: string): void;
}

/** One state of the work, as text. */
export interface ProgressState {
  /** The line printed when the stream is not a terminal. */
  line: string;
  /** The text on a terminal, after the bar (the plain line when not given). */
  terminalLine?: string;
  /** The share done, 0 to 1: draws a bar on a terminal. Left out when the total is unknown. */
  fraction?: number;
}

export interface ProgressOptions {
  stream: ProgressStream;
  clock: Pick<Clock, "now">;
  /** Plain lines at most this often (the final line excepted); 0 prints every update. */
  plainEveryMs?: number;
  /** Terminal redraws at most this often. */
  redrawEveryMs?: number;
  /** The bar's width in characters. */
  barWidth?: number;
}

export interface ProgressRenderer {
  /** The work moved on: shown unless the last line was shown too recently (then kept for later). */
  update(state: ProgressState): void;
  /** Show this state now, whatever the throttle (a long wait starts: say it now, not at the next update). */
  show(state: ProgressState): void;
  /**
   * Another message is about to be printed: on a terminal, the redrawn line is finished with a newline
   * first, so the message starts on a line of its own. Off a terminal, a message on this same stream
   * (`text`) is the last line printed: a state with the same line is not printed again right after it.
   */
  interrupt(text?: string): void;
  /** The work is over: the final state (or the last one kept back) is shown; a redrawn line is finished. */
  end(final?: ProgressState): void;
}

export const PLAIN_PROGRESS_EVERY_MS = 10_000;
const REDRAW_EVERY_MS = 200;
const BAR_WIDTH = 24;

/** `#` for the share done, `-` for the rest. */
export function drawBar(fraction: number, width: number): string {
  const share = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const filled = Math.round(share * width);
  return "#".repeat(filled) + "-".repeat(width - filled);
}

export function createProgress(options: ProgressOptions): ProgressRenderer {
  const { stream, clock } = options;
  const terminal = Boolean(stream.isTTY);
  const everyMs = terminal
    ? (options.redrawEveryMs ?? REDRAW_EVERY_MS)
    : (options.plainEveryMs ?? PLAIN_PROGRESS_EVERY_MS);
  const width = options.barWidth ?? BAR_WIDTH;
  let lastShownAt = Number.NEGATIVE_INFINITY;
  /** The latest state not shown yet (held back by the throttle). */
  let pending: ProgressState | undefined;
  /** The last plain line printed (a message's too), so the final state is not printed twice. */
  let lastLine: string | undefined;
  /** A redrawn line is on screen, not yet finished with a newline. */
  let open = false;
  let ended = false;

  const show = (state: ProgressState) => {
    pending = undefined;
    lastShownAt = clock.now();
    if (terminal) {
      stream.write(`\r${fitted(terminalText(state, width), stream.columns)}\u001b[K`);
      open = true;
    } else if (state.line !== lastLine) {
      stream.write(`${state.line}\n`);
      lastLine = state.line;
    }
  };

  return {
    update(state) {
      if (ended) return;
      if (clock.now() - lastShownAt < everyMs) pending = state;
      else show(state);
    },
    show(state) {
      if (!ended) show(state);
    },
    interrupt(text) {
      if (ended) return;
      if (!terminal) {
        if (text !== undefined) lastLine = text.replace(/\n$/, "");
      } else if (open) {
        stream.write("\n");
        open = false;
        // The next update draws the bar again at once, below the message.
        lastShownAt = Number.NEGATIVE_INFINITY;
      }
    },
    end(final) {
      if (ended) return;
      const last = final ?? pending;
      if (last) show(last);
      if (open) stream.write("\n");
      open = false;
      ended = true;
    },
  };
}

function terminalText(state: ProgressState, width: number): string {
  const text = state.terminalLine ?? state.line;
  return state.fraction === undefined ? text : `[${drawBar(state.fraction, width)}] ${text}`;
}

/** Cut to one column less than the terminal (writing the last column wraps on some terminals). */
function fitted(text: string, columns: number | undefined): string {
  if (!columns || columns < 2) return text;
  const chars = Array.from(text);
  return chars.length < columns ? text : chars.slice(0, columns - 1).join("");
}
