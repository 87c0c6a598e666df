import { useId, useState, type FormEvent } from 'react';
import { LANGUAGE_CODES, LANGUAGES, languageFromLocale } from '../../../src/engine/language.ts';
import type { InterviewApi, InterviewType, StartOptions } from '../../services/interviewApi.ts';

const TYPES: { value: InterviewType; label: string }[] = [
  { value: 'screening', label: 'Screening · 5 questions, ~15 min' },
  { value: 'behavioral', label: 'Behavioral · 6 questions, ~30 min' },
  { value: 'technical', label: 'Technical · 8 questions, ~45 min' },
  { value: 'customize', label: 'Customized · 10 questions from your resume or job description' },
];

const ACCEPT = '.pdf,.docx,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown';

export interface StartFormProps {
  api: InterviewApi;
  userId: string;
  onUserId(id: string): void;
  busy: boolean;
  speechAvailable: boolean;
  onStart(o: StartOptions): Promise<void>;
}

/** Interview type, role, level, name, documents for customize, and the voice switch. */
export function StartForm(p: StartFormProps) {
  const id = useId();
  const [type, setType] = useState<InterviewType>('screening');
  const [role, setRole] = useState('');
  const [level, setLevel] = useState('mid');
  // The browser's language when the interview can run in it, else English.
  const [language, setLanguage] = useState<string>(() => localStorage.getItem('interview.language') ?? languageFromLocale(navigator.language));
  const [name, setName] = useState(() => localStorage.getItem('interview.userName') ?? '');
  const [voice, setVoice] = useState(false);
  const [resume, setResume] = useState<File | null>(null);
  const [jd, setJd] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const documentIds: string[] = [];
    if (type === 'customize' && (resume || jd)) {
      setUploading(true);
      try {
        if (resume) documentIds.push((await p.api.uploadDocument(p.userId, resume, 'resume')).id);
        if (jd) documentIds.push((await p.api.uploadDocument(p.userId, jd, 'job-description')).id);
      } catch (err) {
        setError(err instanceof Error ? err.message : 'The document could not be read.');
        return;
      } finally {
        setUploading(false);
      }
    }
    if (name.trim()) localStorage.setItem('interview.userName', name.trim());
    localStorage.setItem('interview.language', language);
    await p.onStart({ type, userId: p.userId, voice, ...(name.trim() ? { userName: name.trim() } : {}), ...(role.trim() ? { role: role.trim() } : {}), level, language, ...(documentIds.length ? { documentIds } : {}) });
  };

  return (
    <form className="card start" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Practise an interview with Alex</h1>
      <p className="sub">Answer by typing or by voice. At the end you get scores per question, with your own words as evidence.</p>
      <div className="grid">
        <div className="field">
          <label htmlFor={`${id}-type`}>Interview type</label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as InterviewType)}>
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>{t.label}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <input id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)} placeholder="e.g. backend engineer" maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-level`}>Level</label>
          <select id={`${id}-level`} value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="junior">Junior</option>
            <option value="mid">Mid</option>
            <option value="senior">Senior</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-lang`}>Language</label>
          <select id={`${id}-lang`} value={language} onChange={(e) => setLanguage(e.target.value)}>
            {LANGUAGE_CODES.map((c) => (
              <option key={c} value={c}>{LANGUAGES[c].native}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Your name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="How Alex addresses you" maxLength={80} autoComplete="given-name" />
        </div>
      </div>
      {type === 'customize' && (
        <fieldset className="docs">
          <legend>Your documents (PDF, DOCX, TXT or Markdown)</legend>
          <div className="field">
            <label htmlFor={`${id}-resume`}>Resume</label>
            <input id={`${id}-resume`} type="file" accept={ACCEPT} onChange={(e) => setResume(e.target.files?.[0] ?? null)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-jd`}>Job description</label>
            <input id={`${id}-jd`} type="file" accept={ACCEPT} onChange={(e) => setJd(e.target.files?.[0] ?? null)} />
          </div>
        </fieldset>
      )}
      <div className="row">
        <button type="button" role="switch" aria-checked={voice} className={`switch${voice ? ' on' : ''}`} onClick={() => setVoice((v) => !v)} aria-describedby={`${id}-voice`}>
          <span className="knob" aria-hidden="true" />
          Voice interview
        </button>
        <span id={`${id}-voice`} className="hint">
          {p.speechAvailable ? 'Alex speaks; you answer by voice or text.' : 'Speech is not available right now; the interview runs in text.'}
        </span>
      </div>
      <details className="who">
        <summary>User id (your history and dashboard)</summary>
        <label htmlFor={`${id}-user`}>User id</label>
        <input id={`${id}-user`} value={p.userId} onChange={(e) => p.onUserId(e.target.value)} maxLength={128} required pattern="[^\s]+" />
      </details>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" className="primary" disabled={p.busy || uploading}>
        {uploading ? 'Reading your documents…' : p.busy ? 'Starting…' : 'Start interview'}
      </button>
    </form>
  );
}
