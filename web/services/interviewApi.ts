/**
 * The seed's interviewApi service: the HTTP API the panel speaks (start, respond, session,
 * report, documents, voice, health). Works with or without a per-user token: when the start
 * call returns `user_token`, it is kept and sent as `Authorization: Bearer` afterwards.
 */
export type InterviewType = 'screening' | 'behavioral' | 'technical' | 'customize';
export type Action = 'skip' | 'repeat' | 'end' | 'pause' | 'resume';

export interface Progress {
  current: number;
  total: number;
  label: string;
  percent: number;
}

export interface ReportQuestion {
  id: string;
  question: string;
  competency: string;
  status: string;
  score: number | null;
  evidence: string[];
  strengths: string[];
  improvements: string[];
  heuristic: boolean;
}

export interface Report {
  sessionId: string;
  type: InterviewType;
  role: string;
  level: string;
  overall: { score: number | null; band: string; label: string };
  questions: ReportQuestion[];
  competencies: { competency: string; score: number; questions: number }[];
  strengths: string[];
  improvements: string[];
  summary: string;
  partial: boolean;
  notEnoughToJudge: boolean;
}

export interface Turn {
  session_id: string;
  interview_type: InterviewType;
  message: string;
  messages: string[];
  progress: Progress;
  status: 'active' | 'paused' | 'completed' | 'ended';
  is_complete: boolean;
  actions: Action[];
  report?: Report;
  user_token?: string;
  user_id?: string;
}

export interface TranscriptLine {
  role: 'interviewer' | 'candidate';
  text: string;
  at: string;
  kind: string;
}

export interface SessionView extends Omit<Turn, 'message' | 'messages' | 'actions'> {
  user_id: string;
  role: string;
  level: string;
  created_at: string;
  transcript: TranscriptLine[];
}

/** A report with, per question, what a strong answer would include. */
export interface ReportView {
  report: Report;
  strong_answers: Record<string, string[]>;
  chart_url: string;
  report_url: string;
  dashboard_url: string;
}

export interface Health {
  status: string;
  mode: { interviewer: string; voice: 'gpu' | 'edge-tts' | 'text-only'; customize: string };
}

export interface StartOptions {
  type: InterviewType;
  userId: string;
  userName?: string;
  role?: string;
  level?: string;
  /** Interview language code (en, es, pt, fr, de, it, hi, ja, ko, zh). */
  language?: string;
  voice: boolean;
  documentIds?: string[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export interface InterviewApiOptions {
  baseUrl?: string;
  /** Where the user token is kept between page loads (default: localStorage when present). */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

const TOKEN_KEY = 'interview.userToken';

export class InterviewApi {
  readonly baseUrl: string;
  private readonly storage: InterviewApiOptions['storage'];

  constructor(o: InterviewApiOptions = {}) {
    this.baseUrl = (o.baseUrl ?? '').replace(/\/$/, '');
    this.storage = o.storage ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
  }

  get token(): string | null {
    return this.storage?.getItem(TOKEN_KEY) ?? null;
  }

  set token(t: string | null) {
    if (t) this.storage?.setItem(TOKEN_KEY, t);
    else this.storage?.removeItem(TOKEN_KEY);
  }

  /** A page link that carries the token, for pages opened outside fetch (report, dashboard). */
  link(path: string): string {
    const t = this.token;
    return t ? `${this.baseUrl}${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(t)}` : `${this.baseUrl}${path}`;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const t = this.token;
    return t ? { ...extra, authorization: `Bearer ${t}` } : extra;
  }

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, { ...init, headers: this.headers((init.headers as Record<string, string>) ?? {}) });
    } catch {
      throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
      throw new ApiError(res.status, body.error ?? 'http_error', body.message ?? `The server answered ${res.status}.`);
    }
    return (await res.json()) as T;
  }

  private json<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  async start(o: StartOptions): Promise<Turn> {
    const turn = await this.json<Turn>(`/api/interview/${o.type}/start`, {
      user_id: o.userId,
      voice_enabled: o.voice,
      ...(o.userName ? { user_name: o.userName } : {}),
      ...(o.role ? { role: o.role } : {}),
      ...(o.level ? { level: o.level } : {}),
      ...(o.language ? { language: o.language } : {}),
      ...(o.documentIds?.length ? { document_ids: o.documentIds } : {}),
    });
    if (turn.user_token) this.token = turn.user_token;
    return turn;
  }

  respond(type: InterviewType, sessionId: string, answer: string): Promise<Turn> {
    return this.json<Turn>(`/api/interview/${type}/respond`, { session_id: sessionId, user_response: answer });
  }

  command(type: InterviewType, sessionId: string, action: Action): Promise<Turn> {
    return this.json<Turn>(`/api/interview/${type}/respond`, { session_id: sessionId, action });
  }

  session(sessionId: string): Promise<SessionView> {
    return this.request<SessionView>(`/api/interview/session/${encodeURIComponent(sessionId)}`);
  }

  report(sessionId: string): Promise<ReportView> {
    return this.request<ReportView>(`/api/reports/${encodeURIComponent(sessionId)}`);
  }

  health(): Promise<Health> {
    return this.request<Health>('/health');
  }

  /** Uploads a resume or job description through the server's document intake; returns its id. */
  uploadDocument(userId: string, file: File, kind: 'resume' | 'job-description'): Promise<{ id: string; summary: string; filename: string }> {
    const form = new FormData();
    form.append('user_id', userId);
    form.append('kind', kind);
    form.append('file', file, file.name);
    return this.request(`/api/documents`, { method: 'POST', body: form });
  }

  transcribe(audio: Blob): Promise<{ text: string }> {
    const form = new FormData();
    const ext = audio.type.includes('wav') ? 'wav' : audio.type.includes('ogg') ? 'ogg' : 'webm';
    form.append('audio', audio, `answer.${ext}`);
    return this.request(`/api/voice/transcribe`, { method: 'POST', body: form });
  }

  /** Alex's voice for one piece of text, as encoded audio bytes. */
  async synthesize(text: string, signal?: AbortSignal): Promise<ArrayBuffer> {
    const res = await fetch(`${this.baseUrl}/api/voice/synthesize`, { method: 'POST', headers: this.headers({ 'content-type': 'application/json' }), body: JSON.stringify({ text }), ...(signal ? { signal } : {}) });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
      throw new ApiError(res.status, body.error ?? 'http_error', body.message ?? 'Speech is not available.');
    }
    return res.arrayBuffer();
  }
}
