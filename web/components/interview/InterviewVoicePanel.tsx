import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useAudioPlayer, mark } from '../../hooks/useAudioPlayer.ts';
import { useHandsFree } from '../../hooks/useHandsFree.ts';
import { useInterviewSession } from '../../hooks/useInterviewSession.ts';
import { useMicrophone } from '../../hooks/useMicrophone.ts';
import { ApiError, InterviewApi, type StartOptions } from '../../services/interviewApi.ts';
import { ReportView } from './ReportView.tsx';
import { StartForm } from './StartForm.tsx';

export interface InterviewVoicePanelProps {
  /** The API the panel talks to (default: this page's origin). */
  api?: InterviewApi;
  /** Where the VAD model, worklet and ONNX Runtime files are served (default /panel/). */
  assetBase?: string;
  /** Silence that ends a hands-free turn, in ms. */
  endSilenceMs?: number;
}

type AnswerMode = 'push-to-talk' | 'hands-free';

/** A press longer than this on the record button is "hold to talk": releasing it sends. */
const HOLD_MS = 400;

const SPEECH_DOWN = 'Speech is unavailable right now, so this interview continues in text. Type your answers below.';

function newUserId(): string {
  const rnd = crypto.getRandomValues(new Uint8Array(6));
  return `guest-${Array.from(rnd, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const isTextField = (t: EventTarget | null) => t instanceof HTMLElement && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.isContentEditable);

/**
 * The seed's interview panel: start form, transcript with captions, text and voice answers
 * (push-to-talk or hands-free), Alex's voice, progress and controls, and the report at the end.
 */
export function InterviewVoicePanel(props: InterviewVoicePanelProps) {
  const api = useMemo(() => props.api ?? new InterviewApi(), [props.api]);
  const session = useInterviewSession(api);
  const mic = useMicrophone();
  const [notice, setNotice] = useState<string | null>(null);
  const player = useAudioPlayer({ onError: (m) => setNotice(m) });
  // ?user= (from the dashboard's "Start an interview") names whose history this interview joins.
  const [userId, setUserIdState] = useState(() => new URLSearchParams(location.search).get('user')?.trim().slice(0, 128) || localStorage.getItem('interview.userId') || newUserId());
  const [speechUp, setSpeechUp] = useState(true);
  const [voice, setVoice] = useState(() => localStorage.getItem('interview.voice') === '1');
  const [mode, setMode] = useState<AnswerMode>('push-to-talk');
  const [draft, setDraft] = useState('');
  const [transcribing, setTranscribing] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const logRef = useRef<HTMLDivElement>(null);
  const pressedAt = useRef(0);
  const reportRef = useRef<HTMLDivElement>(null);

  const setUserId = (id: string) => {
    setUserIdState(id);
    localStorage.setItem('interview.userId', id);
  };
  useEffect(() => {
    localStorage.setItem('interview.userId', userId);
    // The page header's dashboard link leads to this user's progress.
    const link = document.getElementById('dashboard-link');
    if (link instanceof HTMLAnchorElement && userId.trim()) link.href = api.link(`/dashboard/${encodeURIComponent(userId.trim())}`);
    // Again once an interview starts: the start call hands out the user's token for that link.
  }, [api, userId, session.sessionId]);

  // Speech availability from /health: checked on load and every 30 s while an interview runs.
  const live0 = session.phase === 'live';
  useEffect(() => {
    let stop = false;
    const check = () =>
      api
        .health()
        .then((h) => !stop && setSpeechUp(h.mode.voice !== 'text-only'))
        .catch(() => undefined);
    if (!live0) void check();
    const t = live0 ? setInterval(check, 30_000) : undefined;
    return () => {
      stop = true;
      if (t) clearInterval(t);
    };
  }, [api, live0]);

  const voiceOn = voice && speechUp && session.phase === 'live';
  useEffect(() => {
    if (voice && !speechUp && session.phase === 'live') setNotice(SPEECH_DOWN);
  }, [voice, speechUp, session.phase]);

  // Alex speaks each new turn.
  useEffect(() => {
    if (!voiceOn || !session.lastSpoken || session.status === 'paused') return;
    void player.speak(session.lastSpoken.text, (s, signal) =>
      api.synthesize(s, signal).catch((e: unknown) => {
        if (e instanceof ApiError && (e.code === 'no_speech_service' || e.status === 503)) setSpeechUp(false);
        throw e;
      }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.lastSpoken]);

  // Elapsed time.
  useEffect(() => {
    if (session.phase !== 'live') return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [session.phase]);

  // Keep the newest line in view.
  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [session.lines.length]);

  // The report takes focus when it appears, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (session.report) reportRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [session.report]);

  const answerWithAudio = useCallback(
    async (audio: Blob | null) => {
      if (!audio) return;
      setTranscribing(true);
      try {
        const { text } = await api.transcribe(audio);
        if (!text.trim()) {
          setNotice('I could not hear any words in that recording. Try again, or type your answer.');
          return;
        }
        setNotice(null);
        await session.send(text);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'no_speech_service') {
          setSpeechUp(false);
          setNotice(SPEECH_DOWN);
        } else setNotice(e instanceof Error ? e.message : 'The recording could not be transcribed. Type your answer instead.');
      } finally {
        setTranscribing(false);
      }
    },
    [api, session],
  );

  const toggleRecording = useCallback(async () => {
    if (mic.recording) {
      mark('speech-end');
      await answerWithAudio(await mic.stopRecording());
      return;
    }
    player.stop();
    try {
      await mic.startRecording();
      setNotice(null);
    } catch (e) {
      setNotice(e instanceof Error ? e.message : 'No microphone.');
    }
  }, [mic, player, answerWithAudio]);

  const handsFree = useHandsFree({
    enabled: voiceOn && mode === 'hands-free' && session.status === 'active',
    getStream: mic.open,
    onSpeechStart: () => {
      // Barge-in: the candidate talking over Alex stops Alex.
      if (player.playing) mark('barge-in');
      player.stop();
    },
    onSpeechEnd: (wav) => {
      if (!session.busy && !transcribing) void answerWithAudio(wav);
    },
    ...(props.endSilenceMs ? { endSilenceMs: props.endSilenceMs } : {}),
    ...(props.assetBase ? { assetBase: props.assetBase } : {}),
  });

  // Push-to-talk with the Space key: hold to record, release to send (not while typing).
  useEffect(() => {
    if (!voiceOn || mode !== 'push-to-talk') return;
    const down = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.repeat || isTextField(e.target)) return;
      const t = e.target as HTMLElement | null;
      if (t && t.tagName === 'BUTTON' && !t.dataset.ptt) return; // Space keeps activating other buttons
      e.preventDefault();
      if (!mic.recording) void toggleRecording();
    };
    const up = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || isTextField(e.target)) return;
      const t = e.target as HTMLElement | null;
      if (t && t.tagName === 'BUTTON' && !t.dataset.ptt) return;
      e.preventDefault();
      if (mic.recording) void toggleRecording();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [voiceOn, mode, mic.recording, toggleRecording]);

  const start = async (o: StartOptions) => {
    setNotice(null);
    setVoice(o.voice);
    localStorage.setItem('interview.voice', o.voice ? '1' : '0');
    if (o.voice) {
      await player.unlock();
      if (!speechUp) setNotice(SPEECH_DOWN);
    }
    await session.start(o);
  };

  const submitText = async () => {
    const text = draft;
    if (!text.trim()) return;
    setDraft('');
    player.stop();
    await session.send(text);
  };

  const onAnswerKey = (e: ReactKeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void submitText();
    }
  };

  const newInterview = () => {
    player.stop();
    mic.close();
    setNotice(null);
    session.reset();
  };

  if (session.phase === 'loading') return <main className="panel" aria-busy="true"><p className="sub">Loading…</p></main>;

  if (session.phase === 'form' || session.phase === 'starting') {
    return (
      <main className="panel">
        <StartForm api={api} userId={userId} onUserId={setUserId} busy={session.busy} speechAvailable={speechUp} onStart={start} />
        {session.error && <p className="error" role="alert">{session.error}</p>}
      </main>
    );
  }

  const paused = session.status === 'paused';
  const live = session.phase === 'live';
  const elapsed = session.startedAt ? clock(now - session.startedAt) : '0:00';
  const modeLabel = !voice || !speechUp ? 'Text answers' : mode === 'push-to-talk' ? 'Voice: push-to-talk (hold Space or the button)' : `Voice: hands-free${handsFree.state === 'hearing' ? ' · hearing you' : handsFree.state === 'loading' ? ' · starting…' : handsFree.state === 'listening' ? ' · listening' : ''}`;

  return (
    <main className="panel">
      <header className="bar card">
        <div>
          <strong>Interview with Alex</strong>
          <span className="mode" aria-live="polite">{modeLabel}</span>
        </div>
        <div className="meta">
          <span className="progress">{session.progress?.label ?? ''}</span>
          <span className="elapsed">
            <span className="label">Elapsed </span>
            <time>{elapsed}</time>
          </span>
        </div>
        {session.progress && <progress max={100} value={session.progress.percent} aria-label="Interview progress" />}
      </header>

      {notice && (live || notice !== SPEECH_DOWN) && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {(mic.error || handsFree.error) && <p className="notice" role="status">{mic.error ?? handsFree.error}</p>}

      <div className="log card" role="log" aria-live="polite" aria-label="Interview transcript" tabIndex={0} ref={logRef}>
        {session.lines.map((l, i) => (
          <p key={i} className={`line ${l.role}`}>
            <span className="who">{l.role === 'interviewer' ? 'Alex' : l.role === 'candidate' ? 'You' : 'Note'}</span>
            <span className="text">{l.text}</span>
          </p>
        ))}
        {(session.busy || transcribing) && live && <p className="line pending" aria-hidden="true">{transcribing ? 'Transcribing…' : 'Alex is thinking…'}</p>}
      </div>
      {player.caption && (
        <p className="caption" aria-hidden="true">
          {player.caption}
        </p>
      )}

      {live && (
        <section className="answer card" aria-label="Answer">
          <label htmlFor="answer-box" className="visually-hidden">Your answer</label>
          <textarea id="answer-box" value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onAnswerKey} rows={4} placeholder={paused ? 'Paused: press Resume to continue.' : 'Type your answer (Enter sends, Shift+Enter for a new line)'} disabled={paused} />
          <div className="row">
            <button type="button" className="primary" onClick={() => void submitText()} disabled={session.busy || paused || !draft.trim()}>
              Send
            </button>
            {voice && speechUp && (
              <>
                <div role="radiogroup" aria-label="Answer mode" className="modes">
                  <label>
                    <input type="radio" name="mode" checked={mode === 'push-to-talk'} onChange={() => setMode('push-to-talk')} /> Push-to-talk
                  </label>
                  <label>
                    <input type="radio" name="mode" checked={mode === 'hands-free'} onChange={() => setMode('hands-free')} /> Hands-free
                  </label>
                </div>
                {mode === 'push-to-talk' && (
                  <button
                    type="button"
                    data-ptt="1"
                    className={`record${mic.recording ? ' on' : ''}`}
                    aria-pressed={mic.recording}
                    // Hold to talk, or tap to start and tap again to stop; Enter and Space (detail 0) toggle.
                    onPointerDown={(e) => {
                      if (e.button !== 0) return;
                      // The release belongs to this button even if the layout moves under the pointer (captions come and go).
                      e.currentTarget.setPointerCapture(e.pointerId);
                      pressedAt.current = mic.recording ? 0 : performance.now();
                      void toggleRecording();
                    }}
                    onPointerUp={() => {
                      if (pressedAt.current && performance.now() - pressedAt.current > HOLD_MS && mic.recording) void toggleRecording();
                      pressedAt.current = 0;
                    }}
                    onClick={(e) => {
                      if (e.detail === 0) void toggleRecording();
                    }}
                    disabled={paused || transcribing || (session.busy && !mic.recording)}
                  >
                    {mic.recording ? 'Stop recording' : 'Record answer'}
                  </button>
                )}
              </>
            )}
          </div>
          <div className="row controls">
            <button type="button" onClick={() => void session.command('skip')} disabled={session.busy || paused}>
              Skip
            </button>
            <button type="button" onClick={() => void session.command('repeat')} disabled={session.busy || paused}>
              Repeat
            </button>
            <button type="button" onClick={() => void session.command(paused ? 'resume' : 'pause')} disabled={session.busy}>
              {paused ? 'Resume' : 'Pause'}
            </button>
            <button type="button" className="danger" onClick={() => { player.stop(); void session.command('end'); }} disabled={session.busy}>
              End interview
            </button>
          </div>
        </section>
      )}
      {session.error && <p className="error" role="alert">{session.error}</p>}

      {session.phase === 'finished' && (
        <div ref={reportRef}>
          {session.report ? <ReportView api={api} data={session.report} onNew={newInterview} /> : <p className="sub">Preparing your report…</p>}
        </div>
      )}
    </main>
  );
}
