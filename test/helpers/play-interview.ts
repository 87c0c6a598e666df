import type { InterviewEngine } from '../../src/engine/engine.ts';
import type { InterviewType, Reply, Report, Session } from '../../src/engine/types.ts';
import type { ScriptedCandidate } from './scripted-candidate.ts';

export interface PlayedInterview {
  session: Session;
  report: Report;
  replies: Reply[];
  /** Follow-ups asked per plan question. */
  followUps: number[];
  /** How many times each question's text was asked (re-asks would show as > 1). */
  timesAsked: number[];
  refusals: number;
}

/**
 * Plays one whole interview: the candidate answers each prompt, says nothing (then
 * skips) when it has nothing to say, and the run ends when the engine reports done.
 */
export async function playInterview(engine: InterviewEngine, candidate: ScriptedCandidate, o: { type: InterviewType; seed: number; role?: string; level?: string; key?: string }): Promise<PlayedInterview> {
  const key = o.key ?? `test:${o.type}:${candidate.mode}:${o.seed}:${Math.random().toString(36).slice(2, 8)}`;
  const replies: Reply[] = [];
  let reply = await engine.start({ key, userKey: `user:${key}`, type: o.type, seed: o.seed, role: o.role ?? 'backend engineer', level: o.level ?? 'mid' });
  replies.push(reply);
  let refusals = 0;
  for (let guard = 0; guard < 200 && !reply.done; guard++) {
    const s = (await engine.getById(reply.sessionId))!;
    const i = s.current;
    const q = s.plan[i]!;
    const said = candidate.reply(q, i, s.answers[i]!.followUps);
    if (!said) {
      // An empty message is refused by the engine; "skip" then moves on, as a silent candidate would.
      const refused = await engine.handleSession(s.id, { kind: 'answer', text: '' });
      if (refused.refused) refusals += 1;
    }
    reply = await engine.handleSession(s.id, { kind: 'answer', text: said || 'skip' });
    replies.push(reply);
  }
  await engine.idle();
  const session = (await engine.getById(reply.sessionId))!;
  if (!reply.done || !session.report) throw new Error(`interview ${key} did not finish`);
  const asked = session.transcript.filter((t) => t.role === 'interviewer' && t.kind === 'question');
  return {
    session,
    report: session.report,
    replies,
    followUps: session.answers.map((a) => a.followUps),
    timesAsked: session.plan.map((q) => asked.filter((t) => t.text.endsWith(q.text)).length),
    refusals,
  };
}
