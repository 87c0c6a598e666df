import type { PlanQuestion } from '../types.ts';
import type { Template } from './rubrics.ts';

/**
 * Personal questions built by rules from facts copied out of the documents. Every name, skill
 * and number a question mentions is a verbatim span of the line(s) it cites; the wording
 * around them is fixed. Ids come from the facts (never from line numbers or document hashes),
 * so the same facts give the same ids wherever they sit in the file.
 */
export interface Candidate {
  slot: Template;
  /** Position among candidates of the same slot (0 = best). */
  rank: number;
  question: PlanQuestion;
  /** Original lines ("docId#line") the question is about. */
  covers: string[];
}
