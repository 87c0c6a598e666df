/**
 * How the built-in rules score, said the same way on every surface (Markdown, chat, chart).
 * The rules judge what an answer covers, not its length or how many numbers it has.
 */
export const RULES_METHOD = 'which parts each answer covered, how it explained or backed them, and whether it answered the question';

export const RULES_NOTE = `Scored by the built-in heuristic rules (${RULES_METHOD}), not a language model.`;

/** For the chart's one-line footnote, which has room for about 100 characters. */
export const RULES_NOTE_SHORT = 'Heuristic scores: rules that judge what each answer covered, not a language model.';
