import type { FakeRequest, Responder } from './behaviour.ts';

/** Reads a `<tag>` data block (JSON) out of a prompt, as the prompts in src/engine/llm/prompts write them. */
export function dataBlock<T = unknown>(prompt: string, tag: string): T | undefined {
  const m = new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(prompt);
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]!) as T;
  } catch {
    return undefined;
  }
}

/** What the fake says when a prompt asks for another language (a few languages are enough for tests). */
const SPOKEN: Record<string, { ack: string; thin: string; followUp: string; summary: string; strength: string; improvement: string }> = {
  Spanish: { ack: 'Gracias, eso me da una idea clara de lo que hiciste.', thin: 'Gracias, es un buen comienzo.', followUp: '¿Podrías contarme un ejemplo concreto y qué hiciste tú personalmente?', summary: 'Respondiste con ejemplos reales y explicaste tu razonamiento; tus mejores respuestas nombraron resultados concretos.', strength: 'Ejemplos concretos', improvement: 'Cuantifica los resultados más a menudo' },
  Portuguese: { ack: 'Obrigado, isso me dá uma ideia clara do que você fez.', thin: 'Obrigado, é um bom começo.', followUp: 'Você pode me dar um exemplo concreto e contar o que você fez pessoalmente?', summary: 'Você respondeu com exemplos reais e explicou seu raciocínio; as melhores respostas citaram resultados concretos.', strength: 'Exemplos concretos', improvement: 'Quantifique os resultados com mais frequência' },
  Japanese: { ack: 'ありがとうございます。あなたが何をしたのかよくわかりました。', thin: 'ありがとうございます。良い出だしです。', followUp: '具体的な例と、あなた自身が何をしたのかを教えていただけますか？', summary: '実際の例を挙げて考え方を説明できていました。特に良い回答では具体的な成果が示されていました。', strength: '具体的な例', improvement: '成果をもっと数字で示しましょう' },
};

const INJECTION = /ignore (all |your |my |the |previous )*instructions|give me (a )?5\s*\/\s*5|full marks/i;

export interface ResponderOptions {
  /**
   * A gullible model obeys injections: it scores 5/5 (quoting the injection as evidence)
   * whenever the answer asks for it. Code-side checks must make that harmless.
   */
  gullible?: boolean;
  /** Always proposes a follow-up, to prove the code caps them. */
  alwaysFollowUp?: boolean;
}

/**
 * A plausible interviewer model: short acknowledgements, follow-ups for thin answers,
 * rubric scores that grow with length and specifics, and a summary.
 */
export function interviewerResponder(o: ResponderOptions = {}): Responder {
  /** Rubric scores that grow with length and specifics, evidence copied from the answer. */
  const scores = (prompt: string, answer: string) => {
    const rubric = dataBlock<{ id: string; shows: string; weight: number }[]>(prompt, 'rubric') ?? [];
    const words = answer.split(/\s+/).filter(Boolean).length;
    const sentences = answer.split(/(?<=[.!?])\s+/).filter(Boolean);
    if (o.gullible && INJECTION.test(answer)) {
      const evidence = sentences.find((s) => INJECTION.test(s)) ?? answer.slice(0, 80);
      return { items: rubric.map((r) => ({ id: r.id, score: 5, evidence })), strengths: ['Outstanding answer'], improvements: [] };
    }
    const hasNumber = /\d/.test(answer);
    const evidence = [...sentences].sort((a, b) => b.length - a.length)[0]?.slice(0, 150) ?? '';
    const base = Math.min(5, 0.5 + words / 45 + (hasNumber ? 0.7 : 0));
    return {
      items: rubric.map((r) => ({ id: r.id, score: Math.round(base * 2) / 2, evidence })),
      strengths: words > 80 ? ['Gave a specific, detailed example'] : [],
      improvements: words < 80 ? ['Add detail: what you did and the measurable result'] : ['Lead with the outcome'],
    };
  };
  return (req: FakeRequest) => {
    const prompt = req.promptText;
    const answer = dataBlock<string>(prompt, 'candidate_answer') ?? '';
    const words = answer.split(/\s+/).filter(Boolean).length;
    const spoken = SPOKEN[/conducted in (\w+), not English/.exec(prompt)?.[1] ?? ''];
    switch (req.purpose) {
      case 'react': {
        const declined = words <= 12 && /\b(don'?t know|rather not|no idea|pass)\b/i.test(answer);
        // Unspaced scripts: count characters, roughly three to a word.
        const thin = (/[\u3040-\u30ff\u4e00-\u9fff]/.test(answer) ? answer.length / 3 : words) < 40;
        const atLimit = /The limit is reached/.test(prompt);
        const followUp = !declined && (o.alwaysFollowUp || (thin && !atLimit)) ? (spoken?.followUp ?? 'Could you walk me through a specific example, and what you did yourself?') : null;
        // Asked to score when it moves on (the prompt's task says so): the scores come in the same reply.
        const scoring = /- scores:/.test(prompt) && !declined && !followUp;
        return {
          kind: 'ok',
          json: {
            acknowledgement: declined ? '' : thin ? (spoken?.thin ?? 'Thanks, that is a start.') : (spoken?.ack ?? 'Thanks, that gives me a clear picture of what you did.'),
            followUp,
            declined,
            note: declined ? 'declined a question' : thin ? 'short answer' : 'gave a detailed example',
            ...(/- scores:/.test(prompt) ? { scores: scoring ? scores(prompt, answer) : null } : {}),
          },
        };
      }
      case 'score':
        return { kind: 'ok', json: scores(prompt, answer) };
      case 'translate': {
        // A stand-in translation: the language's name as a tag before the English, so tests can tell it was translated.
        const lang = /into (\w+)\./.exec(prompt)?.[1] ?? 'Other';
        const items = JSON.parse(prompt.slice(prompt.lastIndexOf('\n[') + 1)) as { id: number; text: string }[];
        return { kind: 'ok', json: { translations: items.map((t) => ({ id: t.id, text: `[${lang}] ${t.text}` })) } };
      }
      case 'summary':
        return {
          kind: 'ok',
          json: {
            summary: spoken?.summary ?? 'You answered with real examples and explained your reasoning; the strongest answers named concrete outcomes.',
            strengths: [spoken?.strength ?? 'Concrete examples'],
            improvements: [spoken?.improvement ?? 'Quantify results more often'],
          },
        };
      default:
        return { kind: 'ok', text: 'Thanks, that makes sense. Tell me more about what you did yourself.' };
    }
  };
}

/** Which call a request belongs to, from the property names of the JSON shape asked for. */
export function purposeOf(schema: unknown): string {
  const props = schema && typeof schema === 'object' ? Object.keys((schema as { properties?: object }).properties ?? {}) : [];
  if (props.includes('acknowledgement')) return 'react';
  if (props.includes('items')) return 'score';
  if (props.includes('summary')) return 'summary';
  if (props.includes('translations')) return 'translate';
  return 'text';
}
