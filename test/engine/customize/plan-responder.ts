/** A fake model that writes interview plans from the passages in the prompt (OpenAI wire format via FakeOpenAI). */
import { dataBlock, interviewerResponder, type FakeRequest, type Responder } from '../../fakes/llm/index.ts';

export interface PromptPassage {
  source: string;
  kind: string;
  lines: { n: number; text: string }[];
}

export interface ModelQuestionJson {
  text: string;
  kind: 'document' | 'gap';
  competency: string;
  difficulty: 'easy' | 'medium' | 'hard';
  rubric: { id: string; shows: string; weight: number }[];
  followUps: string[];
  refs: { source: string; lineStart: number; lineEnd: number; quote: string }[];
}

export function isPlanRequest(req: FakeRequest): boolean {
  return (req.body as { response_format?: { json_schema?: { name?: string } } }).response_format?.json_schema?.name === 'interview_plan';
}

/** Plan requests are answered by `build` from the prompt's passages; everything else by the interviewer fake. */
export function planResponder(build: (passages: PromptPassage[], req: FakeRequest) => { questions: ModelQuestionJson[] } | string): Responder {
  const base = interviewerResponder();
  return (req) => {
    if (!isPlanRequest(req)) return base(req);
    const out = build(dataBlock<PromptPassage[]>(req.promptText, 'documents') ?? [], req);
    return typeof out === 'string' ? { kind: 'ok', text: out } : { kind: 'ok', json: out };
  };
}

/** The line number (as shown in the prompt) of the first line of `source` containing `needle`. */
export function lineOf(passages: PromptPassage[], source: string, needle: string): number {
  for (const p of passages) {
    if (p.source !== source) continue;
    const l = p.lines.find((x) => x.text.includes(needle));
    if (l) return l.n;
  }
  throw new Error(`"${needle}" is not in the passages of ${source}`);
}

export function question(text: string, refs: ModelQuestionJson['refs'], kind: ModelQuestionJson['kind'] = 'document'): ModelQuestionJson {
  return {
    text,
    kind,
    competency: kind === 'gap' ? 'role-fit' : 'technical-depth',
    difficulty: 'medium',
    rubric: [
      { id: 'context', shows: 'Explains the problem and its constraints', weight: 0.5 },
      { id: 'tradeoffs', shows: 'Names the alternatives and why this one won', weight: 0.5 },
    ],
    followUps: ['What would you change if you built it again today?'],
    refs,
  };
}
