/**
 * The prompt sent with each transcription request. Whisper spells words the way its prompt
 * does, so it carries the interview's vocabulary: terms from the candidate's resume and the
 * job description (as the interview plan quotes them), names the candidate has already
 * said, the question just asked, and the answer so far. Whisper reads about 224 tokens of
 * prompt, so the vocabulary gets a fixed share and the question and answer the rest.
 */
import { SkillMatcher } from '../engine/docs/skill-matcher.ts';
import type { Session } from '../engine/types.ts';

export interface SttPromptParts {
  /** Resume / job-description terms and names, most important first. */
  terms?: readonly string[];
  names?: readonly string[];
  question?: string;
  /** The answer's text so far. */
  soFar?: string;
}

const MAX_PROMPT_CHARS = 600;
const VOCAB_SHARE = 240;

export function buildSttPrompt(parts: SttPromptParts, maxChars = MAX_PROMPT_CHARS): string {
  const vocab = dedupe([...(parts.names ?? []), ...(parts.terms ?? [])]);
  let glossary = '';
  for (const v of vocab) {
    const next = glossary ? `${glossary}, ${v}` : v;
    if (next.length > VOCAB_SHARE) break;
    glossary = next;
  }
  const head = glossary ? `${glossary}.` : '';
  // The end of the context matters most to Whisper: keep the latest words of the answer.
  const tail = [parts.question ?? '', parts.soFar ?? ''].join(' ').replace(/\s+/g, ' ').trim();
  const room = Math.max(0, maxChars - head.length - 1);
  const kept = tail.length > room ? tail.slice(tail.length - room).replace(/^\S*\s/, '') : tail;
  return [head, kept].filter(Boolean).join(' ').trim();
}

function dedupe(xs: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of xs) {
    const t = x.trim();
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}

const NOT_NAMES = new Set(['I', "I'm", "I've", "I'd", "I'll", 'OK', 'Okay', 'So', 'And', 'But', 'The', 'Then', 'We', 'Yes', 'No', 'Well', 'Also', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

/**
 * Proper names and product names in what the candidate said: capitalised words that do not
 * merely start a sentence, and words with capitals or digits inside (ClickHouse, K8s, gRPC).
 */
export function namesIn(text: string): string[] {
  const out: string[] = [];
  const tokens = text.match(/[\p{L}\p{N}][\p{L}\p{N}'.+#-]*[\p{L}\p{N}+#]|[\p{L}]/gu) ?? [];
  let sentenceStart = true;
  let offset = 0;
  for (const tok of tokens) {
    const at = text.indexOf(tok, offset);
    const before = text.slice(offset, at);
    offset = at + tok.length;
    if (/[.!?]\s*$/.test(before)) sentenceStart = true;
    const inner = /.[\p{Lu}\p{N}]/u.test(tok) && /\p{L}/u.test(tok);
    const capital = /^\p{Lu}/u.test(tok);
    if (!NOT_NAMES.has(tok) && (inner || (capital && !sentenceStart))) out.push(tok.replace(/[.'-]+$/, ''));
    sentenceStart = false;
  }
  return dedupe(out);
}

let matcher: SkillMatcher | null = null;

/**
 * The interview's own vocabulary: the skills and names the plan's questions quote from the
 * candidate's resume and the job description, the questions' keywords, the role.
 */
export function sessionTerms(session: Pick<Session, 'plan' | 'role' | 'userName'>): string[] {
  matcher ??= new SkillMatcher();
  const terms: string[] = [];
  if (session.userName) terms.push(session.userName);
  for (const q of session.plan) {
    for (const ref of q.source.refs ?? []) {
      for (const m of matcher.find(ref.quote)) terms.push(m.skill);
      terms.push(...namesIn(ref.quote));
    }
  }
  for (const q of session.plan) {
    if (q.source.kind === 'bank') continue;
    for (const m of matcher.find(q.text)) terms.push(m.skill);
    terms.push(...(q.keywords ?? []));
  }
  if (session.role && session.role !== 'general') terms.push(session.role);
  return dedupe(terms).slice(0, 40);
}
