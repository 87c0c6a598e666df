import type { Action } from './types.ts';

export const DEFAULT_MAX_ANSWER_CHARS = 8000;

/** Removes control characters (keeping newlines and tabs) and normalises whitespace at the ends. */
export function sanitizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
}

const COMMANDS: Record<string, Action | 'next'> = {
  skip: 'skip', pass: 'skip', next: 'next', 'next question': 'next', 'move on': 'next',
  repeat: 'repeat', 'say that again': 'repeat', 'repeat the question': 'repeat', 'can you repeat that': 'repeat', again: 'repeat',
  pause: 'pause', 'hold on': 'pause', resume: 'resume', continue: 'resume', "i'm back": 'resume',
  end: 'end', stop: 'end', quit: 'end', 'end interview': 'end', 'end the interview': 'end', 'stop the interview': 'end',
  // The same commands in the other interview languages, said or typed on their own.
  saltar: 'skip', siguiente: 'next', 'siguiente pregunta': 'next', repetir: 'repeat', pausa: 'pause', reanudar: 'resume', terminar: 'end', 'terminar la entrevista': 'end',
  pular: 'skip', próxima: 'next', 'próxima pergunta': 'next', pausar: 'pause', retomar: 'resume', encerrar: 'end', 'encerrar a entrevista': 'end',
  passer: 'skip', suivante: 'next', 'question suivante': 'next', répéter: 'repeat', reprendre: 'resume', terminer: 'end', "terminer l'entretien": 'end',
  überspringen: 'skip', weiter: 'next', 'nächste frage': 'next', wiederholen: 'repeat', fortsetzen: 'resume', beenden: 'end', 'interview beenden': 'end',
  salta: 'skip', prossima: 'next', 'prossima domanda': 'next', ripeti: 'repeat', riprendi: 'resume', termina: 'end', 'termina il colloquio': 'end',
  'छोड़ें': 'skip', 'अगला सवाल': 'next', 'दोहराएँ': 'repeat', 'दोहराएं': 'repeat', 'रुकें': 'pause', 'जारी रखें': 'resume', 'समाप्त करें': 'end',
  'スキップ': 'skip', '次の質問': 'next', 'もう一度': 'repeat', '一時停止': 'pause', '再開': 'resume', '終了': 'end', '面接を終了': 'end',
  '건너뛰기': 'skip', '다음 질문': 'next', '다시': 'repeat', '일시정지': 'pause', '일시 정지': 'pause', '계속': 'resume', '종료': 'end', '면접 종료': 'end',
  '跳过': 'skip', '下一题': 'next', '下一个问题': 'next', '重复': 'repeat', '再说一遍': 'repeat', '暂停': 'pause', '继续': 'resume', '结束': 'end', '结束面试': 'end',
};

/**
 * A message that is only a control word ("skip", "repeat please", "end.") acts like the
 * button of that name, so typed and spoken commands work the same everywhere.
 */
export function parseCommand(text: string): Action | 'next' | null {
  const t = text.normalize('NFC').toLowerCase().replace(/[.!?,。！？、，¡¿।]+/g, '').replace(/\b(please|alex|ok|okay)\b/g, '').replace(/\s+/g, ' ').trim();
  return COMMANDS[t] ?? null;
}
