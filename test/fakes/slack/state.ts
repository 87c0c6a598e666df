// In-memory workspace held by the fake Slack: everything the Web API methods read and write,
// plus a change signal so tests can wait for a side effect instead of sleeping.

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** Bearer token (or `token` form field) the client sent; undefined when none. */
  token: string | undefined;
  at: number;
  /** Set when the call was answered by an injected failure instead of the normal handler. */
  injected?: InjectedFailure;
}

export interface InjectedFailure {
  /** Web API method name, `upload` (upload URL), `response_url`, or `*` for any of them. */
  method: string;
  /** Answer HTTP 200 `{ok:false, error}`. */
  error?: string;
  /** Answer with this HTTP status instead (429 adds Retry-After). */
  status?: 429 | 500 | 502 | 503;
  /** Seconds for the Retry-After header of a 429; default 1. */
  retryAfter?: number;
  /** How many consecutive calls fail; default 1. */
  times?: number;
}

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  type: 'message';
  text?: string;
  user?: string;
  bot_id?: string;
  team?: string;
  thread_ts?: string;
  reply_broadcast?: boolean;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  files?: Array<{ id: string; name: string }>;
  reactions: Reaction[];
  reply_count?: number;
  edited?: { user: string; ts: string };
  deleted: boolean;
}

export interface StoredFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  bytes: Buffer;
  user: string;
  channels: string[];
  created: number;
}

export interface UploadRecord {
  file_id: string;
  filename: string;
  title?: string;
  length?: number;
  bytes?: Buffer;
  channel_id?: string;
  thread_ts?: string;
  initial_comment?: string;
  blocks?: unknown;
  completed: boolean;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  message_ts: string;
}

export interface PublishedView {
  user_id: string;
  view: Record<string, unknown>;
  id: string;
  at: number;
}

export interface ResponsePost {
  id: string;
  body: unknown;
  at: number;
}

export interface ThreadStatus {
  channel_id: string;
  thread_ts: string;
  status: string;
  loading_messages?: unknown;
}

export interface SlackUser {
  id: string;
  name: string;
  real_name: string;
  display_name: string;
  is_bot?: boolean;
  tz?: string;
  /** e.g. "ja-JP"; users.info returns it only when asked with include_locale (as Slack does). */
  locale?: string;
}

export interface ChannelInfo {
  id: string;
  name: string;
  is_private: boolean;
}

export interface FileDownload {
  file_id: string;
  authorized: boolean;
  at: number;
}

export interface SocketAck {
  envelope_id: string;
  payload: unknown;
  at: number;
}

const BASE_EPOCH_SECONDS = 1_700_000_000;

export class SlackState {
  readonly calls: RecordedCall[] = [];
  readonly messages: StoredMessage[] = [];
  readonly ephemerals: EphemeralMessage[] = [];
  readonly files = new Map<string, StoredFile>();
  readonly uploads = new Map<string, UploadRecord>();
  readonly views: PublishedView[] = [];
  readonly responses: ResponsePost[] = [];
  readonly statuses: ThreadStatus[] = [];
  readonly downloads: FileDownload[] = [];
  readonly acks: SocketAck[] = [];
  readonly users = new Map<string, SlackUser>();
  /** User id -> DM channel id, as conversations.open hands them out. */
  readonly dmChannels = new Map<string, string>();
  readonly channels = new Map<string, ChannelInfo>();
  readonly failures: InjectedFailure[] = [];
  private tsCounter = 0;
  private idCounter = 0;
  private readonly listeners = new Set<() => void>();

  /**
   * Message timestamps increase by 100 µs from 1700000000.000100, so they sort as strings
   * and as numbers exactly like real ones and stay readable in assertions.
   */
  nextTs(): string {
    this.tsCounter += 1;
    const micros = this.tsCounter * 100;
    const seconds = BASE_EPOCH_SECONDS + Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}0FAKE${String(this.idCounter).padStart(4, '0')}`;
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
  }

  /** Takes the injected failure that applies to this method, if any, consuming one use. */
  takeFailure(method: string): InjectedFailure | undefined {
    const index = this.failures.findIndex((f) => f.method === method || f.method === '*');
    if (index < 0) return undefined;
    const failure = this.failures[index]!;
    const remaining = (failure.times ?? 1) - 1;
    if (remaining > 0) this.failures[index] = { ...failure, times: remaining };
    else this.failures.splice(index, 1);
    return failure;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
