/**
 * Document text is data. Nothing in this module obeys it; it only recognises lines written as
 * instructions to an AI reader ("Ignore previous instructions...", "SYSTEM: you are now...") so fact
 * extraction can leave them out and callers can flag them. A missed line is still just text: the
 * extractors only ever copy spans of real resume structure (titles, names, lexicon skills).
 */
const PATTERNS: RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(previous|prior|above|earlier|all|any|your|the|these|those)\b.{0,24}\b(instructions?|prompts?|rules|directions|guidelines|context|messages?)\b/i,
  /^\W*(system|assistant|developer|user)(\s+(prompt|message|note))?\s*[:>]/i,
  /\byou are now\b/i,
  /\b(act|behave|respond) as (an?|the|my)\b.{0,30}\b(assistant|ai|model|chatbot|interviewer|recruiter|grader|evaluator)\b/i,
  /\b(rate|score|grade|rank|evaluate|mark)\b.{0,40}\b(candidate|applicant|me|resume|cv|this person)\b.{0,40}(\d+\s*\/\s*\d+|\d+\s+out of\s+\d+|perfect|highest|top|excellent|strong hire|hire)/i,
  /\b(as an? (ai|language model|llm))\b/i,
  /<\/?\s*(system|instructions?|prompt)\s*>|\[\/?(INST|SYS)\]|<\|(im_start|im_end|system|user|assistant)\|>/i,
  /\b(new|updated|real|hidden) instructions?\s*:/i,
  /\b(do not|don't|never) (mention|reveal|disclose|tell|ask about)\b.{0,40}\b(instructions?|prompt|this (line|text|note))\b/i,
];

export function looksLikeInstruction(line: string): boolean {
  return PATTERNS.some((re) => re.test(line));
}

/** 1-based numbers of lines that read as instructions to a model rather than document content. */
export function instructionLines(lines: string[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (looksLikeInstruction(l)) out.push(i + 1);
  });
  return out;
}
