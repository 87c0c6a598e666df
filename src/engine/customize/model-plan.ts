import type { Logger } from 'pino';
import type { ChainCall, ChainResult } from '../llm/chain.ts';
import { AllProvidersFailed } from '../llm/errors.ts';
import { parseModelJson } from '../llm/output.ts';
import type { ChatMessage, GenerateOptions } from '../llm/types.ts';
import type { PlanQuestion, ProviderCall, RubricItem } from '../types.ts';
import type { CleanDoc } from './clean-doc.ts';
import { slug, type DocFacts, type Ref } from './facts.ts';
import { checkRef, ungroundedTerms, unsafeQuestionText } from './grounding.ts';
import { buildPlanMessages, PLAN_OUTPUT, PlanOutput, type ModelQuestion } from './model-prompt.ts';
import { selectPassages, type Retrieval } from './retrieval.ts';
import { defaultFollowUps, defaultRubric } from './rubrics.ts';

/** The slice of the provider chain the planner uses. */
export interface PlanModel {
  generate(messages: ChatMessage[], options: GenerateOptions, call?: ChainCall): Promise<ChainResult>;
}

/** The model answered, but not with anything usable, twice; its calls were made all the same. */
export class PlanOutputError extends Error {
  readonly calls: ProviderCall[];
  constructor(message: string, calls: ProviderCall[]) {
    super(message);
    this.name = 'PlanOutputError';
    this.calls = calls;
  }
}

export interface ModelPlan {
  questions: PlanQuestion[];
  calls: ProviderCall[];
  /** "openai/gpt-4o-mini" */
  by: string;
  /** Why each dropped question was dropped (for logs and tests). */
  rejected: string[];
}

function normaliseRubric(items: ModelQuestion['rubric'], fallback: RubricItem[]): RubricItem[] {
  const seen = new Set<string>();
  const kept = items
    .map((x) => ({ id: slug(x.id, 30), shows: x.shows.replace(/\s+/g, ' ').trim(), weight: x.weight }))
    .filter((x) => x.shows.length >= 8 && !unsafeQuestionText(x.shows) && !seen.has(x.id) && seen.add(x.id))
    .slice(0, 5);
  if (kept.length < 2) return fallback;
  const weights = kept.every((x) => Number.isFinite(x.weight) && x.weight > 0) ? kept.map((x) => x.weight) : kept.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const rounded = weights.map((w) => Math.round((w / total) * 100) / 100);
  rounded[rounded.length - 1] = Math.round((1 - rounded.slice(0, -1).reduce((a, b) => a + b, 0)) * 100) / 100;
  if (rounded.some((w) => w <= 0)) return fallback;
  return kept.map((x, i) => ({ id: x.id, shows: x.shows.slice(0, 300), weight: rounded[i]! }));
}

/** One model question checked against the documents; a reason string when it cannot be used. */
export function groundQuestion(m: ModelQuestion, n: number, docsByName: Map<string, CleanDoc[]>, facts: DocFacts): PlanQuestion | string {
  const text = m.text.replace(/\s+/g, ' ').trim();
  if (text.length < 20 || text.length > 420) return 'text length';
  if (!/[?.]$/.test(text)) return 'not a question';
  if (unsafeQuestionText(text)) return 'text reads as an instruction or talks about scores';
  if (!m.refs.length) return 'no citation';
  const refs: Ref[] = [];
  const cited: string[] = [];
  const kinds = new Set<string>();
  for (const r of m.refs.slice(0, 3)) {
    const c = checkRef(r, docsByName);
    if (!c.ok) return c.reason!;
    refs.push({ source: c.doc!.original.filename, lineStart: r.lineStart, lineEnd: r.lineEnd, quote: r.quote.replace(/^["'“‘\s]+|["'”’\s]+$/g, '').slice(0, 300) });
    cited.push(c.text!);
    kinds.add(c.doc!.original.kind);
  }
  if (m.kind === 'gap' && !kinds.has('job-description')) return 'gap question without a job-description citation';
  const missing = ungroundedTerms(text, cited.join('\n'), facts.matcher);
  if (missing.length) return `names what its lines do not say: ${missing.slice(0, 4).join(', ')}`;
  const template = m.kind === 'gap' ? 'gap' : 'project';
  const followUps = m.followUps
    .map((f) => f.replace(/\s+/g, ' ').trim())
    .filter((f) => f.length >= 10 && f.length <= 300 && !unsafeQuestionText(f))
    .slice(0, 3);
  const keywords = [...new Set(facts.matcher.find(text).map((x) => x.text))];
  const q: PlanQuestion = {
    id: `llm-${n}-${slug(text, 30)}`,
    text,
    competency: slug(m.competency, 40) || 'experience',
    difficulty: m.difficulty,
    rubric: normaliseRubric(m.rubric, defaultRubric(template)),
    followUps: followUps.length ? followUps : defaultFollowUps(template),
    source: { kind: m.kind, refs },
  };
  if (keywords.length) q.keywords = keywords;
  return q;
}

/** One call, validated; on invalid output one repair request naming the problem; then give up. */
async function ask(model: PlanModel, messages: ChatMessage[], options: GenerateOptions, deadlineMs: number, signal?: AbortSignal): Promise<{ value: PlanOutput; calls: ProviderCall[]; last: ChainResult }> {
  const end = performance.now() + deadlineMs;
  const left = () => Math.max(0, end - performance.now());
  const calls: ProviderCall[] = [];
  const first = await model.generate(messages, options, { purpose: 'plan', deadlineMs: left(), ...(signal ? { signal } : {}) });
  calls.push(first.call);
  const parsed = parseModelJson(first.text, PlanOutput);
  if (parsed.ok) return { value: parsed.value, calls, last: first };
  const repair: ChatMessage[] = [
    ...messages,
    { role: 'assistant', content: first.text.slice(0, 6000) },
    { role: 'user', content: `Your reply could not be used: ${parsed.error}. Reply again with only the JSON object, matching the schema exactly.` },
  ];
  let second: ChainResult;
  try {
    second = await model.generate(repair, options, { purpose: 'plan', deadlineMs: left(), ...(signal ? { signal } : {}) });
  } catch (err) {
    if (err instanceof AllProvidersFailed) throw new PlanOutputError(parsed.error, calls);
    throw err;
  }
  calls.push(second.call);
  const again = parseModelJson(second.text, PlanOutput);
  if (again.ok) return { value: again.value, calls, last: second };
  throw new PlanOutputError(again.error, calls);
}

/**
 * Questions written by the language model from retrieved passages, each kept only if its
 * citations and its named terms check out against the documents.
 */
export async function modelPlan(o: {
  model: PlanModel;
  facts: DocFacts;
  retrieval: Retrieval;
  queries: string[];
  gaps: string[];
  role: string;
  level: string;
  count: number;
  deadlineMs: number;
  logger?: Logger;
  signal?: AbortSignal;
}): Promise<ModelPlan> {
  const passages = await selectPassages(o.retrieval, o.queries, o.signal ? { signal: o.signal } : {});
  const maxGaps = o.facts.job && o.facts.resume ? 3 : 0;
  const messages = buildPlanMessages({ role: o.role, level: o.level, count: o.count, maxGaps, passages, gaps: o.gaps });
  const res = await ask(o.model, messages, { temperature: 0.4, maxOutputTokens: 4000, json: PLAN_OUTPUT }, o.deadlineMs, o.signal);
  const docsByName = new Map<string, CleanDoc[]>();
  for (const d of o.facts.docs) docsByName.set(d.original.filename, [...(docsByName.get(d.original.filename) ?? []), d]);
  const questions: PlanQuestion[] = [];
  const rejected: string[] = [];
  const seenText = new Set<string>();
  const seenLine = new Set<string>();
  let gaps = 0;
  for (const m of res.value.questions) {
    if (questions.length >= o.count) break;
    const q = groundQuestion(m, questions.length + 1, docsByName, o.facts);
    if (typeof q === 'string') {
      rejected.push(`${q}: ${m.text.slice(0, 80)}`);
      continue;
    }
    const first = q.source.refs![0]!;
    const lineKey = `${first.source}#${first.lineStart}`;
    const textKey = q.text.toLowerCase().replace(/[^a-z0-9]+/g, ' ');
    if (seenText.has(textKey) || seenLine.has(lineKey)) {
      rejected.push(`duplicate: ${m.text.slice(0, 80)}`);
      continue;
    }
    if (q.source.kind === 'gap' && ++gaps > Math.max(maxGaps, 0)) {
      rejected.push(`too many gap questions: ${m.text.slice(0, 80)}`);
      continue;
    }
    seenText.add(textKey);
    seenLine.add(lineKey);
    questions.push(q);
  }
  if (rejected.length) o.logger?.info({ dropped: rejected.length, reasons: rejected.map((r) => r.split(':')[0]) }, 'model plan questions dropped by grounding checks');
  return { questions, calls: res.calls, by: `${res.last.provider}/${res.last.model}`, rejected };
}
