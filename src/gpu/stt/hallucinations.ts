/**
 * Whisper, fed silence or noise, writes what its training subtitles said at such moments:
 * "Thank you for watching", "Please subscribe", captions credits, a lone "you". Such text
 * is never taken as the candidate's words. Segment-level signals from `verbose_json`
 * (no_speech_prob, avg_logprob) catch the rest where the server returns them.
 */

/** Phrases that are dropped when they make up the whole of a piece's text. */
const PHRASES = [
  'thank you for watching',
  'thanks for watching',
  'thank you so much for watching',
  'thank you very much for watching',
  'thank you for listening',
  'thanks for listening',
  'please subscribe',
  'please like and subscribe',
  'like and subscribe',
  'subscribe to my channel',
  "don't forget to subscribe",
  'see you in the next video',
  'see you next time',
  'subtitles by the amara org community',
  'subtitles by',
  'transcription by castingwords',
  'captions by',
  'translated by',
  'you',
  'bye',
  'the end',
];

const WHOLE = new Set(PHRASES);
/** Credits lines appear with names after them ("Subtitles by ..."). */
const PREFIXES = ['subtitles by', 'captions by', 'translated by', 'transcribed by', 'subtitled by'];

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Sound annotations only: "[music]", "(coughs)", "*sigh*", "♪". */
function onlyAnnotations(text: string): boolean {
  return text.replace(/\[[^\]]*\]|\([^)]*\)|\*[^*]*\*|[♪♫~.…\s]/g, '') === '';
}

/** True when the whole text is something Whisper makes up on silence or noise. */
export function isHallucination(text: string): boolean {
  if (!text.trim()) return false;
  if (onlyAnnotations(text)) return true;
  const n = normalise(text);
  if (!n) return true;
  if (WHOLE.has(n)) return true;
  if (PREFIXES.some((p) => n.startsWith(p))) return true;
  // The same phrase looped ("Thank you. Thank you. Thank you.") is a loop on silence.
  const sentences = text.split(/(?<=[.!?])\s+/).map(normalise).filter(Boolean);
  if (sentences.length >= 3 && new Set(sentences).size === 1) return true;
  return sentences.length > 0 && sentences.every((s) => WHOLE.has(s));
}

export interface WhisperSegment {
  text: string;
  no_speech_prob?: number;
  avg_logprob?: number;
}

export interface SegmentFilter {
  /** A segment at or above this no-speech probability is dropped. */
  noSpeechProb: number;
  /** A segment whose average log-probability is below this is dropped whatever else it says. */
  minAvgLogprob: number;
}

export const SEGMENT_FILTER_DEFAULTS: SegmentFilter = { noSpeechProb: 0.6, minAvgLogprob: -1.2 };

/**
 * Keeps the segments that are speech: a high no_speech_prob means the model heard no
 * speech there; a very low avg_logprob means the decoder was guessing (speech scores
 * around -0.2 to -0.8); and a segment that is a known made-up phrase goes too.
 */
export function keepSpokenSegments(segments: readonly WhisperSegment[], filter: SegmentFilter = SEGMENT_FILTER_DEFAULTS): { text: string; dropped: number } {
  const kept: string[] = [];
  let dropped = 0;
  for (const s of segments) {
    const nsp = typeof s.no_speech_prob === 'number' ? s.no_speech_prob : 0;
    const lp = typeof s.avg_logprob === 'number' ? s.avg_logprob : 0;
    if (nsp >= filter.noSpeechProb || lp < filter.minAvgLogprob || isHallucination(s.text)) {
      dropped++;
      continue;
    }
    kept.push(s.text.trim());
  }
  return { text: kept.join(' ').replace(/\s+/g, ' ').trim(), dropped };
}
