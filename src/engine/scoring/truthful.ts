import type { Heard, Part } from './record.ts';

/** Words by which a line of advice says a part is missing ("add the outcome", "set the scene"). */
const TALKS_ABOUT: Partial<Record<Part, RegExp>> = {
  situation: /\b(set the scene|context|situation|background)\b/i,
  action: /\b(what you (personally )?did|your (own )?actions|your role in|step by step|"i",? not "we")\b/i,
  result: /\b(outcome|result|impact|put a number|quantif|measur)/i,
  reflection: /\b(what you learned|lessons?|differently|reflect)/i,
  tradeoffs: /\btrade-?offs?\b/i,
  example: /\b(concrete|specific) example\b/i,
  motivation: /\bwhy you want\b/i,
};

const STAR_TALK = /\b(STAR|situation,? task|set the scene|what you learned|would do differently|close with|lessons? learned)\b/i;

/**
 * Keeps only advice that is true of this answer: nothing asks for a part the record says the
 * answer gave, and STAR advice appears only for questions that ask for a story's parts. Used for the model's
 * lines; the rules' own advice is built from the record and so already obeys this.
 */
export function truthfulAdvice(h: Heard, lines: readonly string[]): string[] {
  return lines.filter((line) => {
    // A question whose rubric asks for a scene or a reflection (a project question) may be advised on one.
    const storyParts = h.kind === 'behavioral' || h.listened.includes('situation') || h.listened.includes('reflection');
    if (!storyParts && STAR_TALK.test(line)) return false;
    for (const [part, re] of Object.entries(TALKS_ABOUT) as [Part, RegExp][]) {
      if (h.parts[part] && re.test(line)) return false;
    }
    return true;
  });
}
