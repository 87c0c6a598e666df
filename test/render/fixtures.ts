import type { HistoryEntry } from '../../src/engine/store/session-store.ts';
import type { Report } from '../../src/engine/types.ts';

type Question = Report['questions'][number];

export function question(i: number, over: Partial<Question> = {}): Question {
  return {
    id: `q${i}`,
    question: `Tell me about a time you had to handle situation number ${i + 1} at work.`,
    competency: ['communication', 'problem-solving', 'ownership', 'teamwork'][i % 4]!,
    status: 'answered',
    score: 2 + (i % 4) * 0.8,
    evidence: [`We cut the deploy time from 40 to 12 minutes by splitting the pipeline (answer ${i + 1}).`],
    strengths: ['Clear structure'],
    improvements: ['Say what you personally did, not the team.'],
    scoredBy: 'heuristic',
    heuristic: true,
    ...over,
  };
}

export function sampleReport(over: Partial<Report> = {}): Report {
  const questions = [0, 1, 2, 3, 4].map((i) => question(i));
  questions.push(question(5, { status: 'skipped', score: 0, evidence: [], improvements: [] }));
  return {
    sessionId: 'sess-1',
    type: 'behavioral',
    role: 'Backend engineer',
    level: 'senior',
    userName: 'Jane Doe',
    createdAt: Date.UTC(2025, 4, 1, 10),
    finishedAt: Date.UTC(2025, 4, 1, 10, 28),
    durationMinutes: 27.5,
    overall: { score: 3.4, band: 'solid', label: 'Solid' },
    questions,
    competencies: [
      { competency: 'communication', score: 4.2, questions: 2 },
      { competency: 'problem-solving', score: 3.1, questions: 1 },
      { competency: 'ownership', score: 2.4, questions: 1 },
      { competency: 'teamwork', score: 1.2, questions: 1 },
    ],
    strengths: ['Concrete numbers in most answers', 'Good STAR structure'],
    improvements: ['Name your own actions', 'Close with the result'],
    summary: 'Solid answers with real examples; results were sometimes left implicit.',
    coverage: 0.83,
    partial: false,
    notEnoughToJudge: false,
    scoring: { heuristic: true, providers: ['heuristic'] },
    usage: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, byProvider: {} },
    modeNotes: ['Offline mode: no language model configured.'],
    ...over,
  };
}

export function notEnoughReport(): Report {
  return sampleReport({
    overall: { score: null, band: 'not-enough-to-judge', label: 'Not enough to judge' },
    notEnoughToJudge: true,
    competencies: [{ competency: 'communication', score: 1, questions: 1 }],
    strengths: [],
    summary: 'Not enough to judge: the interview has too few real answers to assess.',
  });
}

const words = (n: number, seed: number) =>
  Array.from({ length: n }, (_, k) => ['latency', 'we', 'shipped', 'p99', '42%', 'migration', 'I', 'owned', 'the', 'rollback', '<@U123>', '**bold**', '@everyone'][(k * 7 + seed) % 13]).join(' ');

/** Ten questions, each with very long evidence, long improvements and long question text. */
export function longReport(): Report {
  const questions = Array.from({ length: 10 }, (_, i) =>
    question(i, {
      question: `${words(120, i)}?`,
      evidence: [words(900, i), words(700, i + 1), words(500, i + 2)],
      improvements: [words(400, i + 3)],
      competency: `competency-${i}-${words(30, i).replace(/\s+/g, '-')}`,
      heuristic: false,
      scoredBy: 'gemini/gemini-2.5-flash',
    }),
  );
  return sampleReport({
    userName: 'X'.repeat(300),
    questions,
    competencies: questions.map((q, i) => ({ competency: q.competency, score: (i % 6) * 0.9, questions: 1 })),
    strengths: Array.from({ length: 12 }, (_, i) => words(120, i)),
    improvements: Array.from({ length: 12 }, (_, i) => words(130, i + 1)),
    summary: Array.from({ length: 8 }, (_, i) => words(150, i)).join('\n\n'),
    scoring: { heuristic: false, providers: ['gemini/gemini-2.5-flash', 'openai/gpt-4o-mini'] },
    usage: { calls: 14, inputTokens: 20000, outputTokens: 4000, costUsd: 0.0123, byProvider: {} },
    modeNotes: Array.from({ length: 12 }, (_, i) => `Note ${i}: ${words(60, i)}`),
  });
}

const COMPS = ['communication', 'problem-solving', 'ownership', 'teamwork', 'leadership'];

/** `n` finished interviews, scores rising with some noise; every third one partial. */
export function history(n: number): HistoryEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const score = Math.round((2 + (2.6 * i) / Math.max(1, n - 1) + Math.sin(i * 1.7) * 0.5) * 10) / 10;
    return {
      sessionId: `s${i}`,
      key: `discord:g:t${i}`,
      type: 'behavioral',
      role: 'Backend engineer',
      level: 'mid',
      startedAt: Date.UTC(2025, 2, 1 + i * 3),
      finishedAt: Date.UTC(2025, 2, 1 + i * 3, 1),
      status: 'completed',
      score,
      partial: i % 3 === 2,
      // "leadership" appears once per interview with one question: it should lose to the others.
      competencies: COMPS.map((c, k) => ({ competency: c, score: Math.max(0, Math.min(5, score + (k - 2) * 0.5)), questions: k === 4 ? 1 : 2 + (k % 2) })),
    };
  });
}
