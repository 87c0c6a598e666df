import type { Logger } from 'pino';
import type { Brain, BrainResult } from '../brain.ts';
import { heuristicScore } from './heuristic.ts';
import type { ProviderCall, QuestionScore, Session } from '../types.ts';

interface Job {
  promise: Promise<BrainResult<QuestionScore>>;
  result?: BrainResult<QuestionScore>;
  started: number;
}

export interface ScoringSchedulerOptions {
  brain: Brain;
  logger: Logger;
  /** Time one background scoring call may take. */
  deadlineMs: number;
  /** A result nobody picked up (the interview went quiet or moved to another process) is dropped after this. */
  keepMs?: number;
  /** Told about every job started, so shutdown and tests can wait for it. */
  track?: (p: Promise<unknown>) => void;
}

/**
 * Scores answers off the hot path, for the questions whose reaction did not carry scores (the
 * model was unavailable, its scores were unusable, or the candidate skipped on). A result is
 * put into the session on its next turn or when the report is built, inside the write that turn
 * makes anyway: no lock, read or write of its own. A result that never gets there (another
 * process took the interview, or this one restarted) is simply made again for the report.
 */
export class ScoringScheduler {
  private readonly brain: Brain;
  private readonly log: Logger;
  private readonly deadlineMs: number;
  private readonly keepMs: number;
  private readonly track: (p: Promise<unknown>) => void;
  /** By session id, then question index. */
  private readonly jobs = new Map<string, Map<number, Job>>();

  constructor(o: ScoringSchedulerOptions) {
    this.brain = o.brain;
    this.log = o.logger;
    this.deadlineMs = o.deadlineMs;
    this.keepMs = o.keepMs ?? 30 * 60_000;
    this.track = o.track ?? (() => undefined);
  }

  /** Starts scoring question `i` of the session with the answer as it stands now. */
  schedule(session: Session, i: number): void {
    this.expire();
    const job = this.start(session, i, this.deadlineMs);
    let byQ = this.jobs.get(session.id);
    if (!byQ) this.jobs.set(session.id, (byQ = new Map()));
    byQ.set(i, job);
  }

  /** Puts finished scores into the session; returns the calls they cost, to record. */
  collect(session: Session): ProviderCall[] {
    const byQ = this.jobs.get(session.id);
    if (!byQ) return [];
    const calls: ProviderCall[] = [];
    for (const [i, job] of byQ) {
      if (!job.result) continue;
      const a = session.answers[i];
      if (a && !a.score && a.status === 'answered') {
        a.score = job.result.value;
        calls.push(...job.result.calls);
      }
      byQ.delete(i);
    }
    if (!byQ.size) this.jobs.delete(session.id);
    return calls;
  }

  /**
   * Before the report: every answered question gets a score, waiting up to `waitMs` for the
   * ones in flight (and starting the ones this process never saw); what is still missing then
   * is scored by the rules.
   */
  async settle(session: Session, waitMs: number): Promise<ProviderCall[]> {
    const calls: ProviderCall[] = [];
    const byQ = this.jobs.get(session.id) ?? new Map<number, Job>();
    const waits = session.answers.map(async (a, i) => {
      if (a.status !== 'answered' || a.score) return;
      const job = byQ.get(i) ?? this.start(session, i, waitMs);
      const res = job.result ?? (await withTimeout(job.promise, waitMs));
      if (res) {
        a.score = res.value;
        calls.push(...res.calls);
      } else {
        a.score = heuristicScore(session.plan[i]!, a.parts.join('\n'));
      }
    });
    await Promise.all(waits);
    this.jobs.delete(session.id);
    return calls;
  }

  /** Sessions holding results not yet put into them (written back at shutdown). */
  sessionsWithResults(): string[] {
    return [...this.jobs.entries()].filter(([, byQ]) => [...byQ.values()].some((j) => j.result)).map(([id]) => id);
  }

  private start(session: Session, i: number, deadlineMs: number): Job {
    const q = session.plan[i]!;
    const text = session.answers[i]!.parts.join('\n');
    let job: Job | undefined;
    const promise = this.brain
      .score(q, text, { type: session.type, level: session.level, role: session.role, language: session.language ?? 'en' }, AbortSignal.timeout(deadlineMs))
      .catch((err: unknown) => {
        this.log.warn({ err, sessionId: session.id, question: i }, 'scoring failed; using heuristic score');
        return { value: heuristicScore(q, text), calls: [] as ProviderCall[] };
      })
      .then((res) => {
        if (job) job.result = res;
        return res;
      });
    job = { started: Date.now(), promise };
    this.track(job.promise);
    return job;
  }

  private expire(): void {
    const cutoff = Date.now() - this.keepMs;
    for (const [id, byQ] of this.jobs) {
      for (const [i, job] of byQ) if (job.started < cutoff) byQ.delete(i);
      if (!byQ.size) this.jobs.delete(id);
    }
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<null>((r) => {
    timer = setTimeout(() => r(null), ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}
