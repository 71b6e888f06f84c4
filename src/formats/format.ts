import type { Location } from '../errors.ts';
import type { Event } from '../model/index.ts';

/** A problem with one item of an input: data, not an exception. */
export interface Problem {
  readonly message: string;
  readonly location?: Location;
}

export interface ParseContext {
  /** The input's name for messages (a file path, a URL, `-`). */
  readonly source: string;
  /** Unix seconds to stamp things that carry no time of their own. */
  readonly now: number;
}

export interface ParseResult {
  readonly events: readonly Event[];
  /** Accepted with a remark (e.g. a redacted value kept as a placeholder). */
  readonly warnings: readonly Problem[];
  /** Problems that make the input unacceptable: when any, nothing of it is stored. */
  readonly errors: readonly Problem[];
  /**
   * True when the format carries no timestamps of its own (a threat report): the importer
   * then decides "changed or not" by content instead of by timestamp.
   */
  readonly untimed?: boolean;
}

export interface SerializeContext {
  /** Leave out indicators that are redacted placeholders or hit warninglists. */
  readonly indicatorsOnly?: boolean;
}

/**
 * One interchange format. Every `src/formats/<id>/index.ts` exports one of these; adding a
 * format means adding a folder and one line in `formats/index.ts`.
 */
export interface Format {
  readonly id: string;
  readonly description: string;
  readonly mediaTypes: readonly string[];
  readonly extensions: readonly string[];
  /** How sure (0..1) this format is that `head` (the first few KB of an input) is its own. */
  detect(head: string): number;
  /** Parses a whole input. Throws CairnError('INVALID_INPUT') only when the input is unreadable as a whole. */
  parse?(text: string, ctx: ParseContext): ParseResult;
  /** Renders events. */
  serialize?(events: readonly Event[], ctx?: SerializeContext): string;
}
