/**
 * Scoring and listening quality of the offline interviewer, measured through the HTTP API.
 *
 * A calibration set (test/quality/calibration/*.yaml: answers with their intended grade,
 * the parts each answer gives, and what the candidate says when asked for more) is played
 * through interviews on random plans. Each plan question gets a calibration answer that
 * fits it (same competency, or the same technical question); the rest are skipped.
 *
 * Printed: Spearman between intended grade and score (overall and per type), pairwise
 * ordering accuracy for pairs at least 1.5 grades apart, off-topic answers caught (scored
 * 2 or less), non-answers scored at most 1, follow-ups asking for a part the answer already
 * gave, and identical follow-ups repeated within one question.
 *
 * Run: make quality   (or node bench/quality.ts [--seed N] [--calibration DIR] [--json])
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { z } from 'zod';
import { createApiServer } from '../src/api/server.ts';
import { loadConfig } from '../src/config.ts';
import { loadBank } from '../src/engine/bank/load.ts';
import { createRng } from '../src/engine/rng.ts';
import { silentLogger } from '../src/logger.ts';
import { createApp } from '../src/app/app.ts';
import { isMain, printFigures } from './stats.ts';

const GRADES = { strong: 4, solid: 3, developing: 2, weak: 1, 'off-topic': 1, 'non-answer': 0 } as const;
type Grade = keyof typeof GRADES;
const STD_TYPES = ['screening', 'behavioral', 'technical'] as const;
type StdType = (typeof STD_TYPES)[number];

export const CalibrationEntry = z.object({
  id: z.string().min(1),
  type: z.enum(STD_TYPES),
  /** A competency (screening, behavioral), a technical question id, or "*" for any question of the type. */
  fits: z.string().min(1),
  grade: z.enum(Object.keys(GRADES) as [Grade, ...Grade[]]),
  /** Parts the answer gives (situation, task, action, result, reflection; motivation, specifics, evidence; concepts, mechanism, tradeoffs, example). */
  has: z.array(z.string()).default([]),
  answer: z.string().min(1),
  /** What the candidate says when asked a follow-up; a neutral closing line when absent. */
  more: z.string().optional(),
});
export type CalibrationEntry = z.infer<typeof CalibrationEntry>;

export const DEFAULT_CALIBRATION_DIR = path.resolve(import.meta.dirname, '../test/quality/calibration');

export function loadCalibration(dir = DEFAULT_CALIBRATION_DIR): CalibrationEntry[] {
  const out: CalibrationEntry[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const raw = parse(readFileSync(path.join(dir, f), 'utf8')) as unknown;
    const parsed = z.array(CalibrationEntry).safeParse(raw);
    if (!parsed.success) throw new Error(`${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    out.push(...parsed.data);
  }
  const ids = new Set<string>();
  for (const e of out) {
    if (ids.has(e.id)) throw new Error(`duplicate calibration id ${e.id}`);
    ids.add(e.id);
  }
  return out;
}

/** What a follow-up asks for, read by the harness itself (independent of the engine's own rules). */
export function askedPart(followUp: string): string | null {
  const f = followUp.toLowerCase();
  if (/\b(set the scene|context|situation|background|where were you)\b/.test(f)) return 'situation';
  if (/\b(outcome|result|turn out|turned out|impact|put a number|how did you know it worked|what changed)\b/.test(f)) return 'result';
  if (/\b(learn|learned|learnt|differently|in hindsight|looking back)\b/.test(f)) return 'reflection';
  if (/\b(personally|your (own )?part|what did you do|actions did you take|steps you took|you yourself)\b/.test(f)) return 'action';
  if (/\b(responsible for|your role|what was your (goal|task|job))\b/.test(f)) return 'task';
  if (/\b(trade-?offs?|downsides?|give up|alternatives?)\b/.test(f)) return 'tradeoffs';
  if (/\b(what draws you|why (this|the) (role|company|team)|what attracts|motivat)/.test(f)) return 'motivation';
  if (/\b(example|specific|concrete)\b/.test(f)) return 'example';
  return null;
}

const PART_ALIASES: Record<string, string[]> = { example: ['example', 'evidence', 'specifics'], tradeoffs: ['tradeoffs'] };

function alreadyGiven(part: string, has: readonly string[]): boolean {
  return (PART_ALIASES[part] ?? [part]).some((p) => has.includes(p));
}

/** Spearman rank correlation (average ranks for ties). */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const rank = (v: readonly number[]) => {
    const idx = v.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
    const r = new Array<number>(v.length);
    for (let i = 0; i < idx.length; ) {
      let j = i;
      while (j + 1 < idx.length && idx[j + 1]!.x === idx[i]!.x) j++;
      for (let k = i; k <= j; k++) r[idx[k]!.i] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const n = xs.length;
  const mx = rx.reduce((a, b) => a + b, 0) / n;
  const my = ry.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < n; i++) {
    num += (rx[i]! - mx) * (ry[i]! - my);
    dx += (rx[i]! - mx) ** 2;
    dy += (ry[i]! - my) ** 2;
  }
  return dx && dy ? num / Math.sqrt(dx * dy) : 0;
}

/** Share of pairs at least `gap` grades apart whose scores are in the same order (ties count half). */
export function pairwiseAccuracy(obs: readonly { grade: number; score: number }[], gap = 1.5): number {
  let right = 0;
  let total = 0;
  for (let i = 0; i < obs.length; i++) {
    for (let j = i + 1; j < obs.length; j++) {
      const a = obs[i]!;
      const b = obs[j]!;
      if (Math.abs(a.grade - b.grade) < gap) continue;
      total++;
      const d = (a.grade - b.grade) * (a.score - b.score);
      right += d > 0 ? 1 : d === 0 ? 0.5 : 0;
    }
  }
  return total ? right / total : 1;
}

export interface Observation {
  entry: CalibrationEntry;
  type: StdType;
  questionId: string;
  grade: number;
  score: number;
  status: string;
  followUps: string[];
}

type Inject = Awaited<ReturnType<typeof createApiServer>>['app'];

async function post(app: Inject, url: string, body: object): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': 'application/json' } });
  const json = res.json() as Record<string, any>;
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

const NEUTRAL_MORE = 'I think that covers the main points.';

/** Plays one interview through the API; returns one observation per calibration answer given. */
async function playOne(app: Inject, type: StdType, level: string, seed: number, entries: CalibrationEntry[], uses: Map<string, number>): Promise<Observation[]> {
  const rand = createRng(seed);
  const byText = new Map(loadBank(type).questions.map((q) => [q.text, q]));
  const start = await post(app, `/api/interview/${type}/start`, { user_id: `quality-${seed}`, role: 'backend engineer', level });
  const sessionId = start.session_id as string;
  let reply = start;
  let qNo = 0;
  let entry: CalibrationEntry | null = null;
  const given = new Map<number, CalibrationEntry>();
  for (let guard = 0; guard < 100 && !reply.is_complete; guard++) {
    const msgs = (reply.messages as string[]).join(' ');
    if (reply.question_number !== qNo) {
      qNo = reply.question_number as number;
      const q = [...byText.entries()].find(([text]) => msgs.includes(text))?.[1];
      entry = q ? choose(entries, type, q.id, q.competency, rand, uses) : null;
      if (entry) {
        given.set(qNo, entry);
        uses.set(entry.id, (uses.get(entry.id) ?? 0) + 1);
      }
      reply = await post(app, `/api/interview/${type}/respond`, { session_id: sessionId, ...(entry ? { user_response: entry.answer } : { action: 'skip' }) });
    } else {
      // Same question again: the interviewer asked a follow-up (or redirected).
      reply = await post(app, `/api/interview/${type}/respond`, { session_id: sessionId, user_response: entry?.more ?? NEUTRAL_MORE });
    }
  }
  if (!reply.is_complete) throw new Error(`interview ${sessionId} did not finish`);
  const view = await app.inject({ method: 'GET', url: `/api/interview/session/${sessionId}` });
  const session = view.json() as { transcript: { role: string; text: string; kind: string; question: number | null }[]; report: { questions: { id: string; score: number | null; status: string }[] } };
  const out: Observation[] = [];
  for (const [n, e] of given) {
    const rq = session.report.questions[n - 1]!;
    const followUps = session.transcript.filter((t) => t.kind === 'follow-up' && t.question === n).map((t) => t.text);
    out.push({ entry: e, type, questionId: rq.id, grade: GRADES[e.grade], score: rq.score ?? 0, status: rq.status, followUps });
  }
  return out;
}

/** The least-used calibration answer that fits the question; about one question in six gets an off-topic answer or a non-answer. */
function choose(entries: CalibrationEntry[], type: StdType, questionId: string, competency: string, rand: () => number, uses: Map<string, number>): CalibrationEntry | null {
  const fitting = entries.filter((e) => e.type === type && (e.fits === questionId || e.fits === competency));
  const anyQ = entries.filter((e) => e.type === type && e.fits === '*');
  // Questions with no fitting answer mostly get skipped, so the off-topic and non-answers keep their share.
  const pool = fitting.length ? (rand() < 1 / 6 ? anyQ : fitting) : rand() < 1 / 40 ? anyQ : [];
  if (!pool.length) return null;
  const least = Math.min(...pool.map((e) => uses.get(e.id) ?? 0));
  const cands = pool.filter((e) => (uses.get(e.id) ?? 0) === least);
  return cands[Math.floor(rand() * cands.length)]!;
}

export interface QualityFigures {
  seed: number;
  interviews: number;
  answers: number;
  spearman: Record<'overall' | StdType, number>;
  pairwise: number;
  offTopicCaught: number;
  nonAnswersAtMost1: number;
  redundantFollowUps: number;
  followUps: number;
  identicalRepeats: number;
  redundantAsked: string[];
  misses: { id: string; grade: string; score: number; questionId: string }[];
  /** Mean score per calibration answer (for --entries). */
  byEntry: { id: string; grade: string; mean: number; n: number }[];
  /** Mean score per type and intended grade, to see where the scales drift apart. */
  means: Record<StdType, Partial<Record<Grade, number>>>;
}

export async function runQuality(o: { seed?: number; calibrationDir?: string; minUses?: number } = {}): Promise<QualityFigures> {
  const seed = o.seed ?? Math.floor(Math.random() * 1e9);
  const entries = loadCalibration(o.calibrationDir);
  const logger = silentLogger();
  // One local client plays every interview: the per-client rate limit would only slow the run.
  const config = loadConfig({ STORE_URL: 'memory://', RATE_LIMIT_PER_MINUTE: '1000000' });
  const rt = await createApp(config, logger);
  const api = await createApiServer({ engine: rt.engine, kv: rt.kv, logger, config, processMetrics: false, voiceRoutes: false, modeNotes: rt.modeNotes });
  const rand = createRng(seed);
  const uses = new Map<string, number>();
  const obs: Observation[] = [];
  let interviews = 0;
  const minUses = o.minUses ?? 2;
  try {
    for (const type of STD_TYPES) {
      const mine = entries.filter((e) => e.type === type);
      // Random plans until every answer of this type has been given at least minUses times.
      for (let n = 0; n < 400 && mine.some((e) => (uses.get(e.id) ?? 0) < minUses); n++) {
        const level = type === 'technical' ? 'mid' : (['junior', 'mid', 'senior'] as const)[Math.floor(rand() * 3)]!;
        obs.push(...(await playOne(api.app, type, level, Math.floor(rand() * 1e9), entries, uses)));
        interviews++;
      }
    }
  } finally {
    await api.app.close();
    await rt.close();
  }
  const sp = (xs: Observation[]) => spearman(xs.map((x) => x.grade), xs.map((x) => x.score));
  const off = obs.filter((x) => x.entry.grade === 'off-topic');
  const non = obs.filter((x) => x.entry.grade === 'non-answer');
  let followUps = 0;
  let redundant = 0;
  let repeats = 0;
  const redundantAsked: string[] = [];
  for (const x of obs) {
    const seen = new Set<string>();
    for (const f of x.followUps) {
      followUps++;
      const part = askedPart(f);
      if (part && alreadyGiven(part, x.entry.has)) {
        redundant++;
        redundantAsked.push(`${x.entry.id} asked for ${part}: "${f}"`);
      }
      if (seen.has(f)) repeats++;
      seen.add(f);
    }
  }
  const misses = obs
    .filter((x) => (x.grade >= 3 && x.score < 2.5) || (x.grade <= 1 && x.score > 2.5) || (x.entry.grade === 'non-answer' && x.score > 1))
    .map((x) => ({ id: x.entry.id, grade: x.entry.grade, score: x.score, questionId: x.questionId }));
  const means = Object.fromEntries(
    STD_TYPES.map((t) => [
      t,
      Object.fromEntries(
        (Object.keys(GRADES) as Grade[])
          .map((g) => [g, obs.filter((x) => x.type === t && x.entry.grade === g)] as const)
          .filter(([, xs]) => xs.length)
          .map(([g, xs]) => [g, Math.round((xs.reduce((s, x) => s + x.score, 0) / xs.length) * 100) / 100]),
      ),
    ]),
  ) as QualityFigures['means'];
  const byEntry = entries
    .map((e) => {
      const xs = obs.filter((x) => x.entry.id === e.id);
      return { id: e.id, grade: e.grade, n: xs.length, mean: xs.length ? Math.round((xs.reduce((s, x) => s + x.score, 0) / xs.length) * 100) / 100 : NaN };
    });
  return {
    byEntry,
    redundantAsked,
    means,
    seed,
    interviews,
    answers: obs.length,
    spearman: { overall: sp(obs), screening: sp(obs.filter((x) => x.type === 'screening')), behavioral: sp(obs.filter((x) => x.type === 'behavioral')), technical: sp(obs.filter((x) => x.type === 'technical')) },
    pairwise: pairwiseAccuracy(obs),
    offTopicCaught: off.length ? off.filter((x) => x.score <= 2).length / off.length : 1,
    nonAnswersAtMost1: non.length ? non.filter((x) => x.score <= 1).length / non.length : 1,
    redundantFollowUps: followUps ? redundant / followUps : 0,
    followUps,
    identicalRepeats: repeats,
    misses,
  };
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, calibration: { type: 'string' }, json: { type: 'boolean' }, misses: { type: 'boolean' }, entries: { type: 'boolean' } } });
  const f = await runQuality({ ...(values.seed ? { seed: Number(values.seed) } : {}), ...(values.calibration ? { calibrationDir: path.resolve(values.calibration) } : {}) });
  if (values.json) process.stdout.write(`${JSON.stringify(f, null, 2)}\n`);
  const p2 = (x: number) => x.toFixed(2);
  const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
  printFigures(`Scoring quality (offline interviewer via the HTTP API; seed ${f.seed}, ${f.interviews} interviews, ${f.answers} answers)`, {
    'Spearman grade vs score, overall': `${p2(f.spearman.overall)} (goal >= 0.85)`,
    '  screening': `${p2(f.spearman.screening)} (goal >= 0.75)`,
    '  behavioral': `${p2(f.spearman.behavioral)} (goal >= 0.75)`,
    '  technical': `${p2(f.spearman.technical)} (goal >= 0.75)`,
    'pairwise order, pairs >= 1.5 apart': `${p2(f.pairwise)} (goal >= 0.92)`,
    'off-topic answers caught (score <= 2)': `${pct(f.offTopicCaught)} (goal >= 90 %)`,
    'non-answers scored <= 1': `${pct(f.nonAnswersAtMost1)} (goal 100 %)`,
    'follow-ups asking for a part already given': `${pct(f.redundantFollowUps)} of ${f.followUps} (goal <= 5 %)`,
    'identical follow-ups repeated in a question': `${f.identicalRepeats} (goal 0)`,
  });
  for (const t of STD_TYPES) process.stdout.write(`  mean score by intended grade, ${t}: ${Object.entries(f.means[t]).map(([g, m]) => `${g} ${m}`).join(', ')}\n`);
  if (values.entries) for (const e of f.byEntry) process.stdout.write(`  ${e.id.padEnd(32)} ${e.grade.padEnd(11)} ${e.mean} (n=${e.n})\n`);
  if (values.misses) for (const r of [...new Set(f.redundantAsked)]) process.stdout.write(`  redundant: ${r}\n`);
  if (values.misses) for (const m of f.misses) process.stdout.write(`  miss: ${m.id} (${m.grade}) scored ${m.score} on ${m.questionId}\n`);
}
