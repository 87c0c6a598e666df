import type { Logger } from 'pino';
import type { ParsedDocument } from '../docs/types.ts';
import type { CustomPlanner } from '../engine.ts';
import { AllProvidersFailed } from '../llm/errors.ts';
import type { Embedder } from '../rag/embedder.ts';
import type { PlanQuestion, ProviderCall } from '../types.ts';
import type { EmbedderChoice, EmbedderSource } from './embedders.ts';
import { andList, gatherFacts, type DocFacts } from './facts.ts';
import { modelPlan, PlanOutputError, type ModelPlan, type PlanModel } from './model-plan.ts';
import { buildRetrieval } from './retrieval.ts';
import { bankFill, orderPlan, planTrack, roleFromJob, ruleCandidates, selectCandidates } from './rule-plan.ts';
import { gapSkills } from './job-questions.ts';

export interface CustomPlannerOptions {
  /** Where the user's parsed documents are (DocumentService). */
  documents: { load(userKey: string, ids: string[]): Promise<ParsedDocument[]> };
  /** The language-model chain; without it (or when it fails) the rules write the plan. */
  llm?: PlanModel;
  /** A fixed embedder, or a source that picks one per plan (GPU when healthy, ...); none = keyword retrieval. */
  embedder?: Embedder | EmbedderSource;
  logger: Logger;
  bankDir?: string;
  /** Questions in a plan (10). */
  questions?: number;
  /** Time the model may take to write the plan, the repair included. */
  modelDeadlineMs?: number;
  now?: () => number;
}

function files(docs: ParsedDocument[]): string {
  return andList([...new Set(docs.map((d) => d.filename))]);
}

function planNote(o: { by: string; docs: ParsedDocument[]; ruleFill: number; bank: number; retrieval: string; modelTrouble?: string }): string {
  const extras: string[] = [];
  if (o.ruleFill) extras.push(`${o.ruleFill} question${o.ruleFill === 1 ? '' : 's'} from the built-in rules`);
  if (o.bank) extras.push(`${o.bank} role-based question${o.bank === 1 ? '' : 's'} from the question bank`);
  const plus = extras.length ? `, plus ${andList(extras)}` : '';
  const trouble = o.modelTrouble ? `; ${o.modelTrouble}` : '';
  return `Plan: built by ${o.by} from ${files(o.docs)}${plus}${trouble} (retrieval: ${o.retrieval}).`;
}

/** Topics worth retrieving passages for: what the rules would ask about, and the job's duties. */
function queriesFor(f: DocFacts, candidates: PlanQuestion[]): string[] {
  const q = candidates.map((c) => c.text);
  for (const r of f.job?.req.responsibilityLines ?? []) q.push(r.text);
  return [...new Set(q)].slice(0, 16);
}

/**
 * The customize planner: ten questions about the user's own resume and target job.
 * Facts and retrieval work on the documents with instruction-like lines removed; a model (when
 * configured) writes questions from retrieved passages and each one is checked against the
 * documents in code; the rules fill whatever is missing, and the question bank the rest.
 */
export function createCustomPlanner(o: CustomPlannerOptions): CustomPlanner {
  const total = o.questions ?? 10;
  const pickEmbedder = async (signal: AbortSignal): Promise<EmbedderChoice> => {
    if (!o.embedder) return {};
    if (typeof o.embedder === 'function') {
      try {
        return await o.embedder(signal);
      } catch (err) {
        o.logger.warn({ err }, 'choosing an embedder failed; retrieval is lexical');
        return { why: 'embeddings unavailable' };
      }
    }
    return { embedder: o.embedder };
  };

  return async ({ session, documentIds, signal }) => {
    if (!documentIds.length) return null;
    const docs = await o.documents.load(session.userKey, documentIds);
    if (!docs.length) return null;
    const t0 = performance.now();
    const facts = gatherFacts(docs);
    // The job description names the role and level this interview is for.
    const fromJob = roleFromJob(facts);
    if (fromJob.role) session.role = fromJob.role;
    if (fromJob.track) session.track = fromJob.track;
    if (fromJob.level) session.level = fromJob.level;
    const retrieval = await buildRetrieval(facts.docs, await pickEmbedder(signal), { logger: o.logger, signal });
    const candidates = await ruleCandidates(facts, retrieval, signal);

    let model: ModelPlan | undefined;
    let modelTrouble: string | undefined;
    const calls: ProviderCall[] = [];
    if (o.llm) {
      try {
        const gaps = facts.job && facts.resume ? gapSkills(facts, facts.job).map((g) => g.text) : [];
        const ruleTexts = [...candidates.values()].flat().map((c) => c.question);
        model = await modelPlan({
          model: o.llm,
          facts,
          retrieval,
          queries: queriesFor(facts, ruleTexts),
          gaps,
          role: session.role,
          level: session.level,
          count: total,
          deadlineMs: o.modelDeadlineMs ?? 15_000,
          logger: o.logger,
          signal,
        });
        calls.push(...model.calls);
        if (!model.questions.length) modelTrouble = 'none of the language model\'s questions matched the documents';
      } catch (err) {
        const tried = err instanceof AllProvidersFailed ? err.tried : [];
        if (err instanceof PlanOutputError) calls.push(...err.calls);
        const late = err instanceof AllProvidersFailed && (/deadline|cancelled/.test(err.message) || err.errors.some((e) => e.kind === 'timeout'));
        modelTrouble =
          err instanceof PlanOutputError ? 'the language model\'s answer could not be used' : late ? 'the language model did not answer in time' : 'the language model was not available';
        o.logger.warn({ err, sessionId: session.id }, 'model plan failed; the rules write the plan');
        calls.push({ at: (o.now ?? Date.now)(), purpose: 'plan', provider: 'offline', model: 'rules', inputTokens: 0, outputTokens: 0, costUsd: 0, ms: 0, ...(tried.length ? { fallbackFrom: tried } : {}) });
      }
    }

    const fromModel = model?.questions ?? [];
    const taken = new Set<string>();
    for (const q of fromModel) {
      for (const r of q.source.refs ?? []) {
        const d = facts.docs.find((x) => x.original.filename === r.source);
        for (let n = r.lineStart; d && n <= r.lineEnd; n++) taken.add(`${d.original.id}#${n}`);
      }
    }
    const chosen = selectCandidates(facts, candidates, total - fromModel.length, taken, new Set(fromModel.map((q) => q.id)));
    const bank = bankFill(total - fromModel.length - chosen.length, {
      track: planTrack(session.track, facts),
      level: session.level,
      seed: session.seed,
      ...(o.bankDir ? { bankDir: o.bankDir } : {}),
    });
    const plan = fromModel.length ? [...fromModel, ...orderPlan(chosen, bank)] : orderPlan(chosen, bank);

    const by = fromModel.length && model ? model.by : 'the built-in rules';
    const notes = [planNote({ by, docs, ruleFill: fromModel.length ? chosen.length : 0, bank: bank.length, retrieval: retrieval.note, ...(modelTrouble ? { modelTrouble } : {}) })];
    for (const d of facts.docs) {
      if (d.flagged.length) notes.push(`Plan: ${d.flagged.length} line${d.flagged.length === 1 ? '' : 's'} in ${d.original.filename} read as instructions to an AI and ${d.flagged.length === 1 ? 'was' : 'were'} ignored.`);
    }
    o.logger.info(
      { sessionId: session.id, documents: docs.length, fromModel: fromModel.length, fromRules: chosen.length, fromBank: bank.length, retrieval: retrieval.index.mode, ms: Math.round(performance.now() - t0) },
      'customize plan built',
    );
    return { plan, notes, calls };
  };
}

