/**
 * How the built-in rules score, said the same way on every surface (Markdown, chat, chart).
 * The rules judge what an answer covers, not its length or how many numbers it has.
 */
export const RULES_METHOD = 'which parts each answer covered, how it explained or backed them, and whether it answered the question';

export const RULES_NOTE = `Scored by the built-in heuristic rules (${RULES_METHOD}), not a language model.`;

/** For the chart's one-line footnote, which has room for about 100 characters. */
export const RULES_NOTE_SHORT = 'Heuristic scores: rules that judge what each answer covered, not a language model.';

/**
 * How a report was scored, in one sentence: the rules, the models, or models with the rules
 * covering answers no model could score (a failed or over-quota call).
 */
export function scoringNote(scoring: { heuristic: boolean; providers: string[] }, short = false): string {
  if (scoring.heuristic) return short ? RULES_NOTE_SHORT : RULES_NOTE;
  const models = scoring.providers.filter((p) => p !== 'heuristic');
  const rules = scoring.providers.includes('heuristic');
  const by = models.join(', ') || 'a language model';
  if (!rules) return `Scored by ${by}.`;
  return short ? `Scored by ${by} and the built-in rules.` : `Scored by ${by}; answers no model could score were scored by the built-in heuristic rules (${RULES_METHOD}).`;
}
