import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Brain, BrainResult } from './brain.ts';
import { UserError } from './errors.ts';
import { FallbackBrain } from './fallback-brain.ts';
import { strongAnswerFor } from './feedback/advice.ts';
import { buildReport } from './feedback/report.ts';
import { DEFAULT_MAX_ANSWER_CHARS, sanitizeText } from './input.ts';
import { parseLevel, parseRole, SPECS } from './interview-types.ts';
import { hasEarlierAnswer, OfflineBrain } from './offline/interviewer.ts';
import { heuristicScore } from './scoring/heuristic.ts';
import * as say from './phrases.ts';
import { ENGLISH_ONLY_NOTICE, yesNo } from './i18n/phrases.ts';
import type { Translator } from './i18n/translator.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, type LanguageCode, languageOf, unknownLanguageMessage } from './language.ts';
import { buildBankPlan } from './plan.ts';
import { randomSeed } from './rng.ts';
import { ScoringScheduler } from './scoring/scheduler.ts';
import type { HistoryEntry, SessionStore } from './store/session-store.ts';
import { readInput, refuseAnswer, shouldClose, stepAfter } from './turn-policy.ts';
import type { Action, EngineInput, PlanQuestion, ProviderCall, Reply, Report, Session, StartOptions } from './types.ts';

export const MAX_FOLLOW_UPS = 2;

/**
 * Told about what happened, after it happened (metrics, audit). Listeners must be cheap and
 * must not throw; a throwing listener is logged and ignored so it can never break a turn.
 */
export interface EngineObserver {
  started?(session: Session): void;
  /** One handled input (answer or command), refused or not, with its wall time. */
  turn?(session: Session, reply: Reply, ms: number): void;
  finished?(session: Session): void;
  /**
   * Provider calls just recorded on a session (tokens, cost, which provider answered). A call
   * with `fallbackFrom` is a fallback: the one channel through which fallbacks are counted.
   */
  calls?(session: Session, calls: ProviderCall[]): void;
}

/** Builds the plan for a customize interview from the user's documents (wired in by the documents layer). */
export type CustomPlanner = (input: { session: Session; documentIds: string[]; signal: AbortSignal }) => Promise<{ plan: PlanQuestion[]; notes: string[]; calls: ProviderCall[] } | null>;

export interface EngineOptions {
  store: SessionStore;
  logger: Logger;
  /** The interviewer's judgement; defaults to the offline rules, which also stand behind any other brain. */
  brain?: Brain;
  bankDir?: string;
  maxAnswerChars?: number;
  /** Longest a model may think about one turn before the offline rules answer instead. */
  turnDeadlineMs?: number;
  /** How long the final report waits for background scores and the summary call. */
  reportDeadlineMs?: number;
  customPlanner?: CustomPlanner;
  /** Translates bank questions and the mode lines for interviews in other languages (with a language model). */
  translator?: Translator;
  /** Lines describing the live mode (provider, speech); shown once at the start. */
  modeNotes?: () => string[];
  now?: () => number;
}

/**
 * The interview engine: one lock per session, load -> step -> save. It knows nothing
 * about Discord, Slack or HTTP; every surface calls start/handle and renders the Reply.
 */
export class InterviewEngine {
  readonly store: SessionStore;
  private readonly log: Logger;
  /** The model (if any) first, the offline rules last; never throws. */
  private readonly brain: Brain;
  private readonly rulesOnly: boolean;
  private readonly scores: ScoringScheduler;
  private readonly opts: EngineOptions;
  private readonly now: () => number;
  private readonly writes = new Set<Promise<unknown>>();
  private draining = false;
  private readonly observers = new Set<EngineObserver>();

  constructor(opts: EngineOptions) {
    this.opts = opts;
    this.store = opts.store;
    this.log = opts.logger;
    this.rulesOnly = !opts.brain || opts.brain instanceof OfflineBrain;
    this.brain = !opts.brain ? new OfflineBrain() : opts.brain instanceof FallbackBrain || opts.brain instanceof OfflineBrain ? opts.brain : new FallbackBrain(opts.brain, { logger: opts.logger });
    this.now = opts.now ?? Date.now;
    this.scores = new ScoringScheduler({ brain: this.brain, logger: this.log, deadlineMs: (opts.turnDeadlineMs ?? 8000) * 2, track: (p) => this.track(p) });
  }

  /** Adds an observer; returns a function that removes it. */
  observe(o: EngineObserver): () => void {
    this.observers.add(o);
    return () => this.observers.delete(o);
  }

  private emit<K extends keyof EngineObserver>(event: K, ...args: Parameters<NonNullable<EngineObserver[K]>>): void {
    for (const o of this.observers) {
      try {
        (o[event] as ((...a: unknown[]) => void) | undefined)?.(...args);
      } catch (err) {
        this.log.warn({ err, event }, 'engine observer failed');
      }
    }
  }

  private addCalls(session: Session, calls: ProviderCall[]): void {
    if (!calls.length) return;
    session.calls.push(...calls);
    this.emit('calls', session, calls);
  }

  get brainName(): string {
    return this.brain.name;
  }

  async start(o: StartOptions): Promise<Reply> {
    if (this.draining) throw new UserError('shutting_down', 'The interviewer is restarting. Please try again in a moment.');
    const type = o.type;
    const { role, track } = parseRole(o.role);
    const level = parseLevel(o.level);
    const language = o.language === undefined || o.language === '' ? DEFAULT_LANGUAGE : languageOf(o.language);
    if (!language) throw new UserError('unknown_language', unknownLanguageMessage(o.language ?? ''));
    return this.store.withLock(`place:${o.key}`, async () => {
      const existing = await this.store.activeAt(o.key);
      if (existing && (existing.status === 'active' || existing.status === 'paused')) {
        throw new UserError('already_active', 'An interview is already running here. Finish it or end it first.');
      }
      const seed = o.seed ?? randomSeed();
      const t = this.now();
      const session: Session = {
        id: randomUUID(),
        key: o.key,
        userKey: o.userKey,
        ...(o.userName ? { userName: sanitizeText(o.userName).slice(0, 80) } : {}),
        type,
        role,
        track,
        level,
        mode: o.mode ?? 'text',
        language,
        status: 'active',
        seed,
        plan: [],
        answers: [],
        current: 0,
        transcript: [],
        activeMs: 0,
        activeSince: t,
        budgetMinutes: SPECS[type].minutes,
        createdAt: t,
        updatedAt: t,
        summary: '',
        calls: [],
        modeNotes: [...(this.opts.modeNotes?.() ?? [])],
        ...(o.surface ? { surface: o.surface } : {}),
        version: 0,
      };
      session.plan = await this.makePlan(session, o.documentIds ?? []);
      session.answers = session.plan.map((q) => ({ questionId: q.id, parts: [], status: 'pending' as const, followUps: 0 }));
      let messages: string[];
      if (language !== 'en' && this.rulesOnly) {
        // The rules speak English only: say so in the language asked for, and ask before switching.
        session.englishOnlyAsked = language;
        messages = [ENGLISH_ONLY_NOTICE[language].ask];
        this.push(session, 'interviewer', messages[0]!, -1, 'notice');
      } else {
        await this.localise(session);
        messages = this.opening(session);
      }
      await this.store.save(session);
      await this.store.bindPlace(o.key, session.id);
      await this.store.recordHistory(session);
      this.log.info({ sessionId: session.id, type, role, level, questions: session.plan.length }, 'interview started');
      this.emit('started', session);
      return this.reply(session, messages);
    });
  }

  /** The greeting, the mode lines and the first question. */
  private opening(session: Session): string[] {
    const messages = [say.greeting(session.type, session.userName, session.role, session.seed, session.language), ...session.modeNotes.filter((n) => n.startsWith('Mode:') || n.startsWith('Plan:'))];
    this.push(session, 'interviewer', messages[0]!, -1, 'greeting');
    messages.push(this.askCurrent(session));
    return messages;
  }

  /**
   * An interview in another language: the plan's questions and the mode lines are translated
   * (one model call for whatever the store has not cached yet). What could not be translated
   * stays in English, and a line says so: nothing changes language without the candidate knowing.
   */
  private async localise(session: Session, o: { notes: boolean } = { notes: true }): Promise<void> {
    const lang = session.language;
    if (lang === 'en' || !this.opts.translator) return;
    const questions = session.plan.map((q) => q.text);
    // Tags stay English ("Mode:", "Plan:"): surfaces look for them. Only what follows is translated.
    const notes = o.notes ? session.modeNotes.map((n) => n.replace(/^(Mode|Plan):\s*/, '')) : [];
    // Competency names label the report's sections and chart axes.
    const comps = [...new Set(session.plan.map((q) => q.competency))];
    const ctl = AbortSignal.timeout(this.opts.turnDeadlineMs ? this.opts.turnDeadlineMs * 3 : 20_000);
    const strong = session.plan.map((q) => strongAnswerFor(q));
    const { texts, calls } = await this.opts.translator.translate([...questions, ...notes, ...comps.map((c) => c.replace(/[-_]+/g, ' ')), ...strong], lang, ctl);
    this.addCalls(session, calls);
    const labels: Record<string, string> = { ...session.competencyLabels };
    comps.forEach((c, i) => {
      const t = texts[questions.length + notes.length + i];
      if (t) labels[c] = t;
    });
    if (Object.keys(labels).length) session.competencyLabels = labels;
    session.plan.forEach((q, i) => {
      const t = texts[questions.length + notes.length + comps.length + i];
      if (t) q.strongAnswer = t;
    });
    let untranslated = 0;
    session.plan.forEach((q, i) => {
      const t = texts[i];
      if (t && t !== q.text) {
        q.english = q.text;
        q.text = t;
      } else if (!t) untranslated += 1;
    });
    // A translated mode line keeps its "Mode:" / "Plan:" tag, which surfaces look for.
    if (o.notes) session.modeNotes = session.modeNotes.map((n, i) => {
      const t = texts[questions.length + i];
      const tag = /^(Mode|Plan):/.exec(n)?.[0];
      return t ? (tag ? `${tag} ${t}` : t) : n;
    });
    if (untranslated) session.modeNotes.push(`Plan: ${untranslated} of ${session.plan.length} questions could not be translated into ${LANGUAGES[lang].english} and are shown in English.`);
  }

  /** The candidate's answer to "continue in English?" (no language model for the language asked for). */
  private englishOnlyAnswer(session: Session, asked: LanguageCode, text: string): Reply {
    const said = yesNo(text);
    const words = ENGLISH_ONLY_NOTICE[asked as Exclude<LanguageCode, 'en'>];
    this.push(session, 'candidate', text, -1, 'answer');
    if (said === null) {
      this.push(session, 'interviewer', words.again, -1, 'notice');
      return this.reply(session, [words.again]);
    }
    delete session.englishOnlyAsked;
    if (said === 'no') {
      session.status = 'ended';
      session.activeSince = null;
      this.push(session, 'interviewer', words.stop, -1, 'closing');
      return this.reply(session, [words.stop]);
    }
    session.requestedLanguage = asked;
    session.language = 'en';
    session.activeSince = this.now();
    return this.reply(session, this.opening(session));
  }

  private async makePlan(session: Session, documentIds: string[]): Promise<PlanQuestion[]> {
    if (session.type === 'customize' && this.opts.customPlanner) {
      const ctl = AbortSignal.timeout(this.opts.turnDeadlineMs ? this.opts.turnDeadlineMs * 3 : 20_000);
      try {
        const custom = await this.opts.customPlanner({ session, documentIds, signal: ctl });
        if (custom && custom.plan.length) {
          session.modeNotes.push(...custom.notes);
          this.addCalls(session, custom.calls);
          return custom.plan;
        }
      } catch (err) {
        this.log.warn({ err, sessionId: session.id }, 'custom plan failed; using a role-based plan');
      }
      session.modeNotes.push('Plan: no documents were available, so this customized interview uses role-based questions. Upload a resume or job description to personalise it.');
    }
    return buildBankPlan({ type: session.type, track: session.track, level: session.level, seed: session.seed, ...(this.opts.bankDir ? { bankDir: this.opts.bankDir } : {}) });
  }

  /**
   * Documents uploaded after a customize interview started: if no question has been
   * answered yet, the plan is rebuilt around them; otherwise null (kept for next time).
   */
  async attachDocuments(sessionId: string, documentIds: string[]): Promise<Reply | null> {
    return this.store.withLock(`session:${sessionId}`, async () => {
      const session = await this.store.get(sessionId);
      if (!session || session.type !== 'customize' || !this.opts.customPlanner) return null;
      if (session.status !== 'active' || session.answers.some((a) => a.parts.length > 0 || a.status !== 'pending')) return null;
      session.modeNotes = session.modeNotes.filter((n) => !n.startsWith('Plan:'));
      session.plan = await this.makePlan(session, documentIds);
      await this.localise(session, { notes: false });
      session.answers = session.plan.map((q) => ({ questionId: q.id, parts: [], status: 'pending' as const, followUps: 0 }));
      session.current = 0;
      const intro = 'Thanks, I have read your documents. Let me ask about them instead.';
      this.push(session, 'interviewer', intro, -1, 'notice');
      const notes = session.modeNotes.filter((n) => n.startsWith('Plan:'));
      const q = this.askCurrent(session);
      await this.store.save(session);
      return this.reply(session, [intro, ...notes, q]);
    });
  }

  /** The session running at a place, if any. */
  getByKey(key: string): Promise<Session | undefined> {
    return this.store.activeAt(key);
  }

  getById(id: string): Promise<Session | undefined> {
    return this.store.get(id);
  }

  history(userKey: string): Promise<HistoryEntry[]> {
    return this.store.history(userKey);
  }

  async forget(userKey: string): Promise<number> {
    return this.store.forgetUser(userKey);
  }

  /** Handles one input at a place. Inputs for one session are applied strictly one at a time. */
  async handle(key: string, input: EngineInput): Promise<Reply> {
    const id = await this.store.idAt(key);
    if (!id) throw new UserError('no_interview', 'There is no interview running here. Start one first.');
    return this.handleSession(id, input);
  }

  /** One read and one write of the session per input: background scores ride along in that write. */
  async handleSession(sessionId: string, input: EngineInput): Promise<Reply> {
    if (this.draining) throw new UserError('shutting_down', 'The interviewer is restarting. Your answer was not recorded; please send it again in a moment.');
    const turn = readInput(input);
    const t0 = performance.now();
    const run = this.store.withLock(`session:${sessionId}`, async () => {
      const session = await this.store.get(sessionId);
      if (!session) throw new UserError('not_found', 'That interview no longer exists.');
      const seen = input.turnId ? session.turns?.find((t) => t.id === input.turnId) : undefined;
      if (seen) return { ...seen.reply, ...(seen.reply.done && session.report ? { report: session.report } : {}) };
      if (session.status === 'completed' || session.status === 'ended') {
        return this.refuse(session, 'finished', 'This interview has finished. Start a new one whenever you like.');
      }
      const asked = session.englishOnlyAsked;
      const reply = asked
        ? turn.kind === 'command' && turn.command === 'end'
          ? this.englishOnlyAnswer(session, asked, 'no')
          : this.englishOnlyAnswer(session, asked, turn.kind === 'answer' ? turn.text : '')
        : turn.kind === 'command'
          ? await this.command(session, turn.command, turn.saidNext)
          : await this.answer(session, turn.text);
      if (input.turnId && !reply.refused) {
        const { report: _report, ...kept } = reply;
        session.turns = [...(session.turns ?? []), { id: input.turnId, reply: kept }].slice(-8);
      }
      if (!reply.refused) {
        // Scores finished in the background since the last turn go into this turn's write.
        this.addCalls(session, this.scores.collect(session));
        // History first: if the session write then fails, the client is told nothing was recorded and
        // a retry redoes both; the other order could record the answer yet report a failure.
        if (reply.done) await this.store.recordHistory(session);
        await this.store.save(session);
      }
      if (reply.done) await this.store.unbindPlace(session.key).catch((err: unknown) => this.log.warn({ err, sessionId }, 'could not unbind a finished interview'));
      this.emit('turn', session, reply, performance.now() - t0);
      if (reply.done && !reply.refused) this.emit('finished', session);
      return reply;
    });
    this.track(run);
    return run;
  }

  private async answer(session: Session, text: string): Promise<Reply> {
    const refusal = refuseAnswer(text, this.opts.maxAnswerChars ?? DEFAULT_MAX_ANSWER_CHARS, session.status);
    if (refusal) return this.refuse(session, refusal.code, refusal.message);
    this.tick(session);
    const i = session.current;
    const q = session.plan[i]!;
    const ans = session.answers[i]!;
    ans.parts.push(text);
    this.push(session, 'candidate', text, i, 'answer');

    const ctx = {
      type: session.type,
      role: session.role,
      level: session.level,
      ...(session.userName ? { userName: session.userName } : {}),
      question: q,
      answer: ans.parts.join('\n'),
      latest: text,
      followUpsAsked: ans.followUps,
      maxFollowUps: MAX_FOLLOW_UPS,
      askedFollowUps: session.transcript.filter((t) => t.q === i && t.kind === 'follow-up').map((t) => t.text),
      summary: session.summary,
      seed: session.seed + session.transcript.length,
      language: session.language ?? DEFAULT_LANGUAGE,
    };
    const reaction = this.record(session, await this.brain.react(ctx, AbortSignal.timeout(this.opts.turnDeadlineMs ?? 8000)));
    if (reaction.note) session.summary = [session.summary, reaction.note].filter(Boolean).join('; ').slice(-400);

    const messages: string[] = [];
    // "Not sure" keeps an earlier answer only when there was one (after a lifeline there was none).
    const earlier = ans.parts.length > 1 && hasEarlierAnswer({ answer: ans.parts.join('\n'), latest: text, followUpsAsked: ans.followUps });
    switch (stepAfter(reaction, ans, MAX_FOLLOW_UPS, earlier)) {
      case 'keep-earlier':
        ans.parts.pop();
        ans.status = 'answered';
        this.scoreLater(session, i);
        return this.advance(session, []);
      case 'declined': {
        ans.status = 'declined';
        const ack = say.declineAck(session.seed + i, session.language);
        this.push(session, 'interviewer', ack, i, 'acknowledgement');
        messages.push(ack);
        return this.advance(session, messages);
      }
      case 'follow-up': {
        const followUp = reaction.followUp!;
        ans.followUps += 1;
        // Kept as two turns so "repeat" repeats the follow-up question, not the acknowledgement.
        if (reaction.acknowledgement) this.push(session, 'interviewer', reaction.acknowledgement, i, 'acknowledgement');
        this.push(session, 'interviewer', followUp, i, 'follow-up');
        return this.reply(session, [[reaction.acknowledgement, followUp].filter(Boolean).join(' ')]);
      }
      case 'close':
        ans.status = 'answered';
        // Scored in the same call that closed the question, when the brain could; otherwise later.
        if (reaction.score) ans.score = reaction.score;
        else this.scoreLater(session, i);
        if (reaction.acknowledgement) {
          this.push(session, 'interviewer', reaction.acknowledgement, i, 'acknowledgement');
          messages.push(reaction.acknowledgement);
        }
        return this.advance(session, messages);
    }
  }

  private async command(session: Session, command: Action, isNext: boolean): Promise<Reply> {
    const i = session.current;
    const ans = session.answers[i];
    switch (command) {
      case 'repeat': {
        const last = [...session.transcript].reverse().find((t) => t.role === 'interviewer' && (t.kind === 'question' || t.kind === 'follow-up'));
        const text = last?.text ?? session.plan[i]?.text ?? '';
        this.push(session, 'interviewer', text, i, 'repeat');
        return this.reply(session, [text]);
      }
      case 'pause': {
        if (session.status === 'paused') return this.refuse(session, 'paused', 'The interview is already paused. Say resume to continue.');
        this.tick(session);
        session.activeSince = null;
        session.status = 'paused';
        const msg = say.pausedMessage(session.language);
        this.push(session, 'interviewer', msg, i, 'notice');
        return this.reply(session, [msg]);
      }
      case 'resume': {
        if (session.status !== 'paused') return this.refuse(session, 'not_paused', 'The interview is not paused; go ahead and answer whenever you are ready.');
        session.status = 'active';
        session.activeSince = this.now();
        const last = [...session.transcript].reverse().find((t) => t.role === 'interviewer' && (t.kind === 'question' || t.kind === 'follow-up'));
        const msgs = [say.resumedMessage(session.language), last ? say.withoutIntro(last.text) : session.plan[i]!.text];
        this.push(session, 'interviewer', msgs.join(' '), i, 'repeat');
        return this.reply(session, msgs);
      }
      case 'skip': {
        if (session.status === 'paused') return this.refuse(session, 'paused', 'The interview is paused. Say resume first.');
        this.tick(session);
        const messages: string[] = [];
        if (ans && ans.parts.length > 0) {
          // "next" after a partial answer: keep what was said and move on without more follow-ups.
          ans.status = 'answered';
          this.scoreLater(session, i);
        } else if (ans) {
          ans.status = 'skipped';
          const ack = isNext && (session.language ?? 'en') === 'en' ? "Okay, let's move on." : say.skipAck(session.seed + i, session.language);
          this.push(session, 'interviewer', ack, i, 'acknowledgement');
          messages.push(ack);
        }
        return this.advance(session, messages);
      }
      case 'end': {
        this.tick(session);
        session.status = 'ended';
        if (ans && ans.status === 'pending' && ans.parts.length > 0) {
          ans.status = 'answered';
          this.scoreLater(session, i);
        }
        const msg = say.endedEarly(session.userName, session.language);
        this.push(session, 'interviewer', msg, -1, 'closing');
        return this.finish(session, [msg]);
      }
    }
  }

  /** Moves to the next question, or closes when the plan is done or time is up. */
  private async advance(session: Session, messages: string[]): Promise<Reply> {
    session.current += 1;
    const { close, overTime } = shouldClose(session.current, session.plan.length, session.activeMs, session.budgetMinutes);
    if (overTime) session.wrapUp = true;
    if (close) {
      session.status = 'completed';
      const msg = say.closing(session.userName, overTime && session.current < session.plan.length, session.language);
      this.push(session, 'interviewer', msg, -1, 'closing');
      return this.finish(session, [...messages, msg]);
    }
    messages.push(this.askCurrent(session));
    return this.reply(session, messages);
  }

  private askCurrent(session: Session): string {
    const i = session.current;
    const q = session.plan[i]!;
    const text = `${say.questionIntro(i, session.plan.length, session.seed, session.plan[i - 1], q, session.language)} ${q.text}`;
    this.push(session, 'interviewer', text, i, 'question');
    return text;
  }

  /** Builds the report from stored scores, waiting briefly for scores still in flight. */
  private async finish(session: Session, messages: string[]): Promise<Reply> {
    const deadline = this.opts.reportDeadlineMs ?? 2500;
    const started = this.now();
    session.activeSince = null;
    this.addCalls(session, await this.scores.settle(session, deadline));
    const input = {
      type: session.type,
      role: session.role,
      ...(session.userName ? { userName: session.userName } : {}),
      questions: session.plan.map((q, i) => ({ question: q, status: session.answers[i]!.status, ...(session.answers[i]!.score ? { score: session.answers[i]!.score! } : {}) })),
      language: session.language ?? DEFAULT_LANGUAGE,
    };
    const remaining = Math.max(500, deadline - (this.now() - started));
    const summary = this.record(session, await this.brain.summarize(input, AbortSignal.timeout(remaining)));
    session.report = buildReport(session, summary, this.now());
    this.log.info({ sessionId: session.id, score: session.report.overall.score, band: session.report.overall.band, partial: session.report.partial }, 'interview finished');
    return this.reply(session, messages);
  }

  /** A closed answer whose reaction brought no score: the rules score at once, a model in the background. */
  private scoreLater(session: Session, i: number): void {
    if (this.rulesOnly) {
      session.answers[i]!.score = heuristicScore(session.plan[i]!, session.answers[i]!.parts.join('\n'));
      return;
    }
    this.scores.schedule(session, i);
  }

  /** Records a brain answer's provider calls on the session and returns its value. */
  private record<T>(session: Session, res: BrainResult<T>): T {
    this.addCalls(session, res.calls);
    return res.value;
  }

  private tick(session: Session): void {
    const t = this.now();
    if (session.activeSince !== null) {
      session.activeMs += Math.max(0, t - session.activeSince);
      session.activeSince = t;
    }
  }

  private push(session: Session, role: 'interviewer' | 'candidate', text: string, q: number, kind: Session['transcript'][number]['kind']): void {
    session.transcript.push({ role, text, at: this.now(), q, kind });
  }

  private refuse(session: Session, code: string, message: string): Reply {
    return { ...this.reply(session, [message]), refused: { code, message } };
  }

  private reply(session: Session, messages: string[]): Reply {
    const total = session.plan.length;
    const current = Math.min(session.current + 1, total);
    const done = session.status === 'completed' || session.status === 'ended';
    const actions: Action[] = done ? [] : session.status === 'paused' ? ['resume', 'end'] : ['skip', 'repeat', 'end'];
    return {
      sessionId: session.id,
      key: session.key,
      messages,
      progress: { current, total, label: done ? `Finished · ${total} questions` : `Question ${current} of ${total}` },
      actions,
      status: session.status,
      done,
      ...(done && session.report ? { report: session.report } : {}),
    };
  }

  /** The latest report of a user (for "/interview report"). */
  async lastReport(userKey: string): Promise<Report | undefined> {
    const list = await this.store.history(userKey);
    for (const e of [...list].reverse()) {
      if (e.finishedAt) {
        const s = await this.store.get(e.sessionId);
        if (s?.report) return s.report;
      }
    }
    return undefined;
  }

  private track(p: Promise<unknown>): void {
    const t = p.catch(() => undefined);
    this.writes.add(t);
    void t.then(() => this.writes.delete(t));
  }

  /** Stops taking new turns, waits for the ones in flight, and stores background scores not yet written. */
  async drain(): Promise<void> {
    this.draining = true;
    while (this.writes.size) await Promise.all([...this.writes]);
    for (const id of this.scores.sessionsWithResults()) {
      await this.store
        .withLock(`session:${id}`, async () => {
          const s = await this.store.get(id);
          if (!s) return;
          const calls = this.scores.collect(s);
          if (calls.length || s.answers.some((a) => a.score)) await this.store.save(s);
        })
        .catch((err: unknown) => this.log.warn({ err, sessionId: id }, 'could not store a background score at shutdown'));
    }
  }

  /** Waits for background work (used by tests and the CLI before exit). */
  async idle(): Promise<void> {
    while (this.writes.size) await Promise.all([...this.writes]);
  }
}
