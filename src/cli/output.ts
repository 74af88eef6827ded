// Printing: JSON documents for --json, plain lines for people, and terminal styling only when it will render.

/** A writable text stream as the CLI uses it (process.stdout / process.stderr, or a test double). */
export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Text styles the human output uses; identity functions when styling is off. */
export interface Styles {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly highlight: (text: string) => string;
}

const plainStyles: Styles = { bold: (t) => t, dim: (t) => t, highlight: (t) => t };
const ansiStyles: Styles = {
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
  highlight: (t) => `\x1b[1;7m${t}\x1b[22;27m`,
};

/** True when ANSI styling should be used on this stream (a TTY, and NO_COLOR not set; FORCE_COLOR forces it). */
export function wantsStyle(sink: TextSink, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return sink.isTTY === true;
}

/** Where a command prints: stdout for results (JSON or human text), stderr for notes and progress. */
export class Output {
  /** Styles for stdout text. */
  readonly styles: Styles;

  constructor(
    readonly json: boolean,
    readonly stdout: TextSink,
    readonly stderr: TextSink,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.styles = !json && wantsStyle(stdout, env) ? ansiStyles : plainStyles;
  }

  /** Prints a JSON document (pretty, two-space indent) on stdout. */
  printJson(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Prints lines of human text on stdout. */
  print(...lines: string[]): void {
    for (const line of lines) this.stdout.write(`${line}\n`);
  }

  /** Prints a human note on stderr (kept off stdout so --json output stays a single document). */
  note(line: string): void {
    this.stderr.write(`${line}\n`);
  }
}
