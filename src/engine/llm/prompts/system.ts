import { DATA_RULE } from './data.ts';
import { PERSONA } from './persona.ts';

/** How rubric items are scored, the same wherever scores are asked for. */
export const SCORING_RULES = [
  'Scoring, when a task asks for rubric scores: score every rubric item from 0 to 5 using only what the candidate actually said:',
  '0 = absent, 1 = very weak, 2 = weak, 3 = adequate, 4 = strong, 5 = exceptional.',
  'For each item give evidence: a short phrase copied exactly, word for word, from the candidate\'s answer. If nothing in the answer supports the item, use an empty string and score it 2 or lower.',
  'Calibrate to the candidate\'s level. Length alone is not quality; specifics, ownership, results and reasoning are.',
  'strengths and improvements: up to 3 each, one specific sentence each, addressed to the candidate as "you". Improvements must be actionable.',
].join('\n');

/**
 * The one system instruction of every call (reaction, scoring, closing summary): persona,
 * data rule and scoring rules, byte for byte the same, so providers that cache a repeated
 * prompt prefix (Gemini implicit caching, OpenAI prefix caching) can reuse it. What varies
 * comes after it, most stable first: the interview, the question and its rubric, the task,
 * then the candidate's words.
 */
export const SYSTEM_PROMPT = `${PERSONA}\n\n${DATA_RULE}\n\n${SCORING_RULES}\n\nEach request names its task and the JSON to reply with; reply with that JSON only.`;
