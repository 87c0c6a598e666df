import { loadBank } from '../bank/load.ts';
import { type Track, TRACKS } from '../bank/schema.ts';
import { parseRole } from '../interview-types.ts';
import { buildBankPlan } from '../plan.ts';
import type { Level, PlanQuestion } from '../types.ts';
import { clip, cleanText, lineKeys, ref, slug, type DocFacts, type JobFacts, type ResumeFacts } from './facts.ts';
import { stems, type Retrieval } from './retrieval.ts';
import { personalQuestion, type Template } from './rubrics.ts';
import type { Candidate } from './candidate.ts';
import { gapQuestions, jobDutyQuestions, jobSkillQuestions, motivationQuestion } from './job-questions.ts';
import { achievementQuestions, metricQuestions, projectQuestions, transitionQuestion, unprovenSkillQuestion } from './resume-questions.ts';

/**
 * Which kind of question to take next, in order of value, per situation. Each entry takes the
 * best remaining candidate of that kind that is not about a line another question already covers.
 */
const PRIORITY: Record<'both' | 'resume' | 'job', Template[]> = {
  both: ['project', 'gap', 'metric', 'transition', 'duty-match', 'project', 'gap', 'metric', 'unproven-skill', 'motivation', 'achievement', 'project', 'metric', 'achievement'],
  resume: ['project', 'metric', 'transition', 'project', 'metric', 'unproven-skill', 'achievement', 'project', 'metric', 'achievement', 'achievement'],
  job: ['motivation', 'jd-duty', 'jd-skill', 'jd-duty', 'jd-skill', 'jd-duty', 'jd-skill'],
};

/** Conversation order: warm-up first, own work next, the job's demands and gaps last. */
const ORDER: Record<Template, number> = { motivation: 0, transition: 1, project: 2, metric: 2, achievement: 2, 'duty-match': 3, 'unproven-skill': 4, 'jd-duty': 5, 'jd-skill': 5, gap: 7 };
const BANK_ORDER = 6;

/** A job duty next to the resume line that comes closest to it (found by retrieval). */
async function dutyMatchCandidates(f: DocFacts, j: JobFacts, r: ResumeFacts, retrieval: Retrieval | undefined, signal?: AbortSignal): Promise<Candidate[]> {
  const found: { duty: JobFacts['req']['responsibilityLines'][number]; line: number; score: number; i: number }[] = [];
  for (const [i, duty] of j.req.responsibilityLines.entries()) {
    const dutyStems = stems(duty.text);
    const dutySkills = new Set(f.matcher.names(duty.text));
    const lines = new Set<number>();
    if (retrieval) {
      for (const h of await retrieval.index.search(duty.text, 3, { kind: 'resume', ...(signal ? { signal } : {}) })) {
        if (h.chunk.docId !== r.d.original.id) continue;
        for (let n = h.chunk.lineStart; n <= h.chunk.lineEnd; n++) lines.add(n);
      }
    } else {
      r.d.clean.lines.forEach((_, k) => lines.add(k + 1));
    }
    let best: { line: number; score: number } | undefined;
    for (const n of [...lines].sort((a, b) => a - b)) {
      const section = r.sections[n - 1];
      const text = cleanText(r.d, n);
      if ((section !== 'experience' && section !== 'projects') || text.length < 20) continue;
      let score = 0;
      for (const s of stems(text)) if (dutyStems.has(s)) score += 1;
      for (const s of f.matcher.names(text)) if (dutySkills.has(s)) score += 2;
      if (!best || score > best.score) best = { line: n, score };
    }
    if (best && best.score >= 3) found.push({ duty, ...best, i });
  }
  return found
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x, rank) => {
      const text = `The role involves this: "${clip(x.duty.text, 110)}". The closest thing I see in your resume is "${clip(cleanText(r.d, x.line), 100)}". How would that experience carry over, and what would be new for you?`;
      const q = personalQuestion('duty-match', `doc-duty-${slug(x.duty.text, 30)}`, text, [ref(j.d, x.duty.line), ref(r.d, x.line)]);
      return { slot: 'duty-match' as const, rank, question: q, covers: [...lineKeys(j.d, x.duty.line), ...lineKeys(r.d, x.line)] };
    });
}

/** Every rule-based candidate for these documents, best first within each kind. */
export async function ruleCandidates(f: DocFacts, retrieval?: Retrieval, signal?: AbortSignal): Promise<Map<Template, Candidate[]>> {
  const out = new Map<Template, Candidate[]>();
  const add = (c: Candidate[]) => {
    for (const x of c) out.set(x.slot, [...(out.get(x.slot) ?? []), x]);
  };
  const r = f.resume;
  const j = f.job;
  if (r) {
    add(projectQuestions(f, r, 6));
    add(metricQuestions(r, 6, new Set()));
    add(transitionQuestion(r));
    add(unprovenSkillQuestion(f, r));
    add(achievementQuestions(f, r, 4));
  }
  if (j) {
    add(motivationQuestion(j));
    if (r) {
      add(gapQuestions(f, j, 2));
      add(await dutyMatchCandidates(f, j, r, retrieval, signal));
    } else {
      add(jobDutyQuestions(j, 4));
      add(jobSkillQuestions(f, j, 4));
    }
  }
  return out;
}

/**
 * Takes up to `max` candidates following the priority list, never two about the same line
 * (`taken` holds lines already covered, e.g. by model-written questions) and never two ids alike.
 */
export function selectCandidates(f: DocFacts, all: Map<Template, Candidate[]>, max: number, taken: Set<string> = new Set(), takenIds: Set<string> = new Set()): Candidate[] {
  const scenario = f.resume && f.job ? 'both' : f.resume ? 'resume' : 'job';
  const next = new Map<Template, number>();
  const chosen: Candidate[] = [];
  for (const slot of PRIORITY[scenario]) {
    if (chosen.length >= max) break;
    const list = all.get(slot) ?? [];
    for (let k = next.get(slot) ?? 0; k < list.length; k++) {
      const c = list[k]!;
      next.set(slot, k + 1);
      if (takenIds.has(c.question.id) || c.covers.some((x) => taken.has(x))) continue;
      chosen.push(c);
      takenIds.add(c.question.id);
      for (const x of c.covers) taken.add(x);
      break;
    }
  }
  return chosen;
}

/** Orders chosen candidates (and bank questions) for a natural conversation. */
export function orderPlan(chosen: Candidate[], bank: PlanQuestion[]): PlanQuestion[] {
  const seq = new Map<Template, number>();
  const keyed = chosen.map((c, i) => {
    const n = seq.get(c.slot) ?? 0;
    seq.set(c.slot, n + 1);
    return { q: c.question, key: [ORDER[c.slot], n, c.slot === 'project' ? 0 : c.slot === 'metric' ? 1 : 2, i] };
  });
  bank.forEach((q, i) => keyed.push({ q, key: [BANK_ORDER, i, 0, 0] }));
  keyed.sort((a, b) => a.key[0]! - b.key[0]! || a.key[1]! - b.key[1]! || a.key[2]! - b.key[2]! || a.key[3]! - b.key[3]!);
  return keyed.map((k) => k.q);
}

const TRACK_WORDS: Record<Track, RegExp> = {
  backend: /\b(backend|back-end|api|apis|microservices?|server|postgres(ql)?|mysql|kafka|grpc|java|golang|go services|distributed systems|payments?)\b/gi,
  frontend: /\b(frontend|front-end|react|vue|angular|css|html|browser|ui|ux|web app|typescript|accessibility|next\.js)\b/gi,
  'data-ml': /\b(data engineer(ing)?|data pipelines?|etl|elt|spark|airflow|dbt|warehouse|snowflake|bigquery|pandas|machine learning|ml|models?|analytics|data scientist|feature store)\b/gi,
};

/** The track the documents speak of most (the job description counts double), when one clearly leads. */
export function inferTrack(f: DocFacts): Track | 'general' {
  const text = (d?: { d: { clean: { lines: string[] } } }) => d?.d.clean.lines.join('\n') ?? '';
  const jd = text(f.job);
  const cv = text(f.resume);
  const counts = (Object.keys(TRACK_WORDS) as Track[]).map((t) => ({ t, n: (jd.match(TRACK_WORDS[t])?.length ?? 0) * 2 + (cv.match(TRACK_WORDS[t])?.length ?? 0) })).sort((a, b) => b.n - a.n);
  const [first, second] = counts;
  return first && first.n >= 3 && first.n >= (second?.n ?? 0) * 1.5 ? first.t : 'general';
}

/** The track for bank questions: the session's, else the job title's when it names a known role, else what the documents speak of. */
export function planTrack(sessionTrack: Track | 'general', f: DocFacts): Track | 'general' {
  if (sessionTrack !== 'general') return sessionTrack;
  if (f.job?.req.title) {
    try {
      const t = parseRole(f.job.req.title).track;
      if (t !== 'general') return t;
    } catch {
      // Not a role we know by name: the documents' words decide below.
    }
  }
  return inferTrack(f);
}

/** Role and level named by the job description's title ("Staff Backend Engineer" -> backend engineer, senior). */
export function roleFromJob(f: DocFacts): { role?: string; track?: Track | 'general'; level?: Level } {
  const title = f.job?.req.title;
  if (!title) return {};
  const out: { role?: string; track?: Track | 'general'; level?: Level } = {};
  try {
    const r = parseRole(title);
    out.role = r.role;
    out.track = r.track;
  } catch {
    // An unknown title keeps the session's role.
  }
  const t = title.toLowerCase();
  if (/\b(staff|senior|sr\.?|principal|lead|head of|distinguished)\b/.test(t)) out.level = 'senior';
  else if (/\b(junior|jr\.?|graduate|grad|entry[- ]level|intern|trainee|apprentice|associate)\b/.test(t)) out.level = 'junior';
  else if (/\b(mid|intermediate)\b/.test(t)) out.level = 'mid';
  return out;
}

/** `n` bank questions for the role, alternating behavioral and technical (role-matched by track and level). */
export function bankFill(n: number, o: { track: Track | 'general'; level: Level; seed: number; bankDir?: string; exclude?: Set<string> }): PlanQuestion[] {
  if (n <= 0) return [];
  const common = { track: o.track, level: o.level, seed: o.seed, ...(o.bankDir ? { bankDir: o.bankDir } : {}) };
  const behavioral = buildBankPlan({ type: 'behavioral', ...common });
  // Technical filler stays on the role's track; with no track, only questions every track shares.
  const bankTech = new Map(loadBank('technical', o.bankDir).questions.map((q) => [q.id, q]));
  const onTrack = (q: PlanQuestion) => {
    const tracks = bankTech.get(q.id)?.tracks ?? [];
    return !tracks.length || (o.track === 'general' ? TRACKS.every((t) => tracks.includes(t)) : tracks.includes(o.track));
  };
  const technical = buildBankPlan({ type: 'technical', ...common }).filter(onTrack);
  const out: PlanQuestion[] = [];
  const seen = new Set(o.exclude ?? []);
  for (let i = 0; out.length < n && i < Math.max(behavioral.length, technical.length); i++) {
    for (const q of [behavioral[i], technical[i]]) {
      if (q && out.length < n && !seen.has(q.id)) {
        out.push(q);
        seen.add(q.id);
      }
    }
  }
  if (out.length < n) {
    for (const q of buildBankPlan({ type: 'screening', ...common })) {
      if (out.length < n && !seen.has(q.id)) {
        out.push(q);
        seen.add(q.id);
      }
    }
  }
  return out;
}
