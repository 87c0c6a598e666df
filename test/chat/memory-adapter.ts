// A chat surface that lives in memory: it records what the conversation layer asks it to show,
// and can be told to be slow or to fail, the way a real platform sometimes is.
import type { AttachedFile, ChatAdapter } from '../../src/chat/adapter.ts';
import type { Reply, Session } from '../../src/engine/types.ts';

export interface MemoryPlace {
  room: string;
}

export interface Shown {
  room: string;
  text: string;
}

export class MemoryAdapter implements ChatAdapter<MemoryPlace> {
  readonly rendered: (Shown & { reply: Reply })[] = [];
  readonly notes: Shown[] = [];
  readonly finished: { room: string; reply: Reply; session: Session | undefined }[] = [];
  readonly files = new Map<string, Uint8Array>();
  readonly fetched: string[] = [];
  typingNow = 0;
  typingShown = 0;
  /** Milliseconds each render waits, taken in order (the first reply slow, the next fast...). */
  renderDelays: number[] = [];
  /** Renders throw this until cleared. */
  renderError: Error | null = null;

  async render(place: MemoryPlace, reply: Reply): Promise<void> {
    const delay = this.renderDelays.shift() ?? 0;
    if (delay) await new Promise((r) => setTimeout(r, delay));
    if (this.renderError) throw this.renderError;
    this.rendered.push({ room: place.room, text: reply.messages.join('\n'), reply });
  }

  async notify(place: MemoryPlace, text: string): Promise<void> {
    this.notes.push({ room: place.room, text });
  }

  typing() {
    this.typingNow++;
    this.typingShown++;
    return {
      stop: async () => {
        this.typingNow--;
      },
    };
  }

  async finish(place: MemoryPlace, reply: Reply, session: Session | undefined): Promise<void> {
    this.finished.push({ room: place.room, reply, session });
  }

  explain(err: unknown): string | undefined {
    return err instanceof Error && err.message === 'missing permission' ? 'I may not post in this room.' : undefined;
  }

  async fetchFile(file: AttachedFile, maxBytes: number): Promise<Uint8Array> {
    this.fetched.push(file.ref);
    const bytes = this.files.get(file.ref);
    if (!bytes) throw new Error(`no file ${file.ref}`);
    if (bytes.byteLength > maxBytes) throw new Error('too large');
    return bytes;
  }
}
