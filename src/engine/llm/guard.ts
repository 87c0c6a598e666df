import type { Reaction } from '../brain.ts';
import { cleanLine, SCORE_TALK } from '../scoring/lines.ts';
import type { ReactOutput } from './output.ts';

export { cleanLine };

/**
 * The model proposes; code decides. Follow-ups stop at the limit, an acknowledgement that
 * talks about scores or asks a second question is replaced by the rules' wording, and a
 * "declined" is only believed for a short message before any real answer.
 */
export function guardReaction(out: ReactOutput, ctx: { followUpsAsked: number; maxFollowUps: number; latestWords: number; canDecline: boolean }, rules: Reaction): Reaction {
  // After a real answer, "I can't say more" ends the follow-ups; it does not throw the answer away.
  const declined = out.declined && ctx.latestWords <= 40 && ctx.canDecline;
  const stopProbing = out.declined && !declined;
  const note = cleanLine(out.note, 100);
  const safeNote = note && !SCORE_TALK.test(note) ? note : undefined;
  if (declined) return { acknowledgement: '', declined: true, ...(safeNote ? { note: safeNote } : {}) };
  let ack = cleanLine(out.acknowledgement, 240);
  if (!ack || ack.includes('?') || SCORE_TALK.test(ack)) ack = rules.acknowledgement;
  let followUp: string | undefined;
  if (out.followUp && ctx.followUpsAsked < ctx.maxFollowUps && !stopProbing) {
    const line = cleanLine(out.followUp, 300);
    // One question per message: keep everything up to the first question mark.
    const q = line.includes('?') ? line.slice(0, line.indexOf('?') + 1) : line;
    if (q.length > 8 && !SCORE_TALK.test(q)) followUp = q;
  }
  return { acknowledgement: ack, declined: false, ...(followUp ? { followUp } : {}), ...(safeNote ? { note: safeNote } : {}) };
}
