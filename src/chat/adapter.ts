import type { Reply, Session } from '../engine/types.ts';

/** A file attached to an incoming message, before it is downloaded. */
export interface AttachedFile {
  /** The platform's handle for downloading it (a CDN URL, a file id). */
  ref: string;
  name: string;
  /** Bytes, when the platform says; checked again while downloading. */
  size?: number;
  contentType?: string;
  /** Set when the file name says what it is; otherwise the documents layer decides from the text. */
  kind?: 'resume' | 'job-description';
}

/** Something shown while a turn is worked on ("Alex is typing…"); stop() waits for calls on their way. */
export interface Typing {
  stop(): Promise<void>;
}

/**
 * What a chat surface does for the conversation layer. `Place` is the surface's own idea of
 * where an interview lives (a Discord thread, a Slack thread with its candidate, a web page):
 * the layer never looks inside it, it only hands it back.
 *
 * The parsing half (platform event -> text, command or file) stays in each surface's listeners;
 * they call ConversationService with the normalised input.
 */
export interface ChatAdapter<Place> {
  /** Shows a turn's reply where the interview runs (messages, buttons, speech). */
  render(place: Place, reply: Reply): Promise<void>;
  /** Tells the candidate something only they should see (an error, a refusal). */
  notify(place: Place, text: string): Promise<void>;
  /** Starts the "working on it" sign for a turn. */
  typing(place: Place): Typing;
  /** After the last turn: the report, summaries, whatever the surface does at the end. */
  finish(place: Place, reply: Reply, session: Session | undefined): Promise<void>;
  /**
   * The platform's own, user-safe words for a failure while posting (a missing permission),
   * or undefined for the generic text.
   */
  explain?(err: unknown): string | undefined;
  /** Downloads an attached file, refusing more than maxBytes while reading. */
  fetchFile?(file: AttachedFile, maxBytes: number): Promise<Uint8Array>;
}
