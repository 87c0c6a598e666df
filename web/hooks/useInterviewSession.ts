import { useCallback, useEffect, useRef, useState } from 'react';
import { type Action, ApiError, type InterviewApi, type InterviewType, type Progress, type ReportView, type StartOptions, type Turn } from '../services/interviewApi.ts';

export interface Line {
  role: 'interviewer' | 'candidate' | 'notice';
  text: string;
}

export type Phase = 'loading' | 'form' | 'starting' | 'live' | 'finished';

export interface InterviewSession {
  phase: Phase;
  sessionId: string | null;
  type: InterviewType | null;
  lines: Line[];
  progress: Progress | null;
  status: Turn['status'] | null;
  startedAt: number | null;
  busy: boolean;
  error: string | null;
  report: ReportView | null;
  /** What Alex said in the latest turn (to speak it), with a counter so the same text twice is spoken twice. */
  lastSpoken: { text: string; n: number } | null;
  start(o: StartOptions): Promise<void>;
  send(answer: string): Promise<void>;
  command(action: Action): Promise<void>;
  addNotice(text: string): void;
  reset(): void;
}

const SESSION_KEY = 'interview.session';

interface Stored {
  id: string;
  type: InterviewType;
}

function readStored(): Stored | null {
  const fromUrl = new URLSearchParams(location.search).get('session');
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Stored | null;
    if (fromUrl) return { id: fromUrl, type: s?.id === fromUrl ? s.type : 'screening' };
    return s && typeof s.id === 'string' ? s : null;
  } catch {
    return fromUrl ? { id: fromUrl, type: 'screening' } : null;
  }
}

function remember(s: Stored | null): void {
  const url = new URL(location.href);
  if (s) {
    localStorage.setItem(SESSION_KEY, JSON.stringify(s));
    url.searchParams.set('session', s.id);
  } else {
    localStorage.removeItem(SESSION_KEY);
    url.searchParams.delete('session');
  }
  history.replaceState(null, '', url);
}

/** The engine's one-line mode notes ("Mode: …", "Plan: …") are shown as notices, not spoken as Alex. */
export const isModeNote = (text: string) => /^(Mode|Plan|Speech|Voice): /.test(text);

const message = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : 'Something went wrong. Try again.');

/**
 * The seed's useInterviewSession: the interview's state in the browser, driven by the HTTP
 * API. The session id lives in localStorage and the URL, so a reload picks the interview up.
 */
export function useInterviewSession(api: InterviewApi): InterviewSession {
  const [phase, setPhase] = useState<Phase>('loading');
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [type, setType] = useState<InterviewType | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [status, setStatus] = useState<Turn['status'] | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ReportView | null>(null);
  const [lastSpoken, setLastSpoken] = useState<InterviewSession['lastSpoken']>(null);
  const spoken = useRef(0);
  const busyRef = useRef(false);

  const finish = useCallback(
    async (id: string) => {
      setPhase('finished');
      try {
        setReport(await api.report(id));
      } catch (e) {
        setError(`The report could not be loaded: ${message(e)}`);
      }
    },
    [api],
  );

  const apply = useCallback(
    async (turn: Turn) => {
      setLines((l) => [...l, ...turn.messages.map((text) => ({ role: isModeNote(text) ? ('notice' as const) : ('interviewer' as const), text }))]);
      setProgress(turn.progress);
      setStatus(turn.status);
      const said = turn.messages.filter((m) => !isModeNote(m));
      if (said.length) setLastSpoken({ text: said.join(' '), n: ++spoken.current });
      if (turn.is_complete) await finish(turn.session_id);
    },
    [finish],
  );

  // Resume after a reload: the server's transcript is the truth.
  useEffect(() => {
    const stored = readStored();
    if (!stored) {
      setPhase('form');
      return;
    }
    api
      .session(stored.id)
      .then(async (s) => {
        setSessionId(s.session_id);
        setType(s.interview_type);
        remember({ id: s.session_id, type: s.interview_type });
        setLines(s.transcript.map((t) => ({ role: t.role, text: t.text })));
        setProgress(s.progress);
        setStatus(s.status);
        setStartedAt(Date.parse(s.created_at));
        if (s.is_complete) await finish(s.session_id);
        else setPhase('live');
      })
      .catch(() => {
        remember(null);
        setPhase('form');
      });
  }, [api, finish]);

  const run = useCallback(async (fn: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(message(e));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  const start = useCallback(
    (o: StartOptions) =>
      run(async () => {
        setPhase('starting');
        try {
          const turn = await api.start(o);
          setSessionId(turn.session_id);
          setType(o.type);
          setStartedAt(Date.now());
          setLines([]);
          setReport(null);
          remember({ id: turn.session_id, type: o.type });
          setPhase('live');
          await apply(turn);
        } catch (e) {
          setPhase('form');
          throw e;
        }
      }),
    [api, apply, run],
  );

  const send = useCallback(
    (answer: string) =>
      run(async () => {
        if (!sessionId || !type) return;
        const text = answer.trim();
        if (!text) return;
        setLines((l) => [...l, { role: 'candidate', text }]);
        try {
          await apply(await api.respond(type, sessionId, text));
        } catch (e) {
          // Nothing was recorded: take the line back out so the transcript shows what the server has.
          setLines((l) => (l[l.length - 1]?.text === text ? l.slice(0, -1) : l));
          throw e;
        }
      }),
    [api, apply, run, sessionId, type],
  );

  const command = useCallback(
    (action: Action) =>
      run(async () => {
        if (!sessionId || !type) return;
        await apply(await api.command(type, sessionId, action));
      }),
    [api, apply, run, sessionId, type],
  );

  const addNotice = useCallback((text: string) => setLines((l) => [...l, { role: 'notice', text }]), []);

  const reset = useCallback(() => {
    remember(null);
    setSessionId(null);
    setType(null);
    setLines([]);
    setProgress(null);
    setStatus(null);
    setReport(null);
    setError(null);
    setLastSpoken(null);
    setPhase('form');
  }, []);

  return { phase, sessionId, type, lines, progress, status, startedAt, busy, error, report, lastSpoken, start, send, command, addNotice, reset };
}
