/**
 * Minimal BERT WordPiece tokenizer: enough of Hugging Face's `tokenizer.json` (BertNormalizer,
 * BertPreTokenizer, WordPiece, [CLS]/[SEP] template) or a plain `vocab.txt` to feed sentence-embedding
 * models such as all-MiniLM-L6-v2 or bge-small. Other tokenizer types are refused with a clear error.
 */

export interface Encoding {
  ids: number[];
  typeIds: number[];
}

export interface WordPieceOptions {
  lowercase?: boolean;
  stripAccents?: boolean;
  unkToken?: string;
  clsToken?: string;
  sepToken?: string;
  prefix?: string;
  maxInputCharsPerWord?: number;
  /** Default maximum sequence length, [CLS] and [SEP] included. */
  maxLength?: number;
}

function isPunctuation(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) return true;
  return /\p{P}/u.test(ch);
}

function isCjk(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x20000 && c <= 0x2a6df) ||
    (c >= 0x2a700 && c <= 0x2ceaf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x2f800 && c <= 0x2fa1f)
  );
}

export class WordPieceTokenizer {
  private readonly vocab: Map<string, number>;
  private readonly opts: Required<WordPieceOptions>;
  readonly unkId: number;
  readonly clsId: number;
  readonly sepId: number;
  readonly padId: number;

  constructor(vocab: Map<string, number>, options: WordPieceOptions = {}) {
    this.vocab = vocab;
    this.opts = {
      lowercase: options.lowercase ?? true,
      stripAccents: options.stripAccents ?? options.lowercase ?? true,
      unkToken: options.unkToken ?? '[UNK]',
      clsToken: options.clsToken ?? '[CLS]',
      sepToken: options.sepToken ?? '[SEP]',
      prefix: options.prefix ?? '##',
      maxInputCharsPerWord: options.maxInputCharsPerWord ?? 100,
      maxLength: options.maxLength ?? 256,
    };
    const need = (tok: string): number => {
      const id = vocab.get(tok);
      if (id === undefined) throw new Error(`Tokenizer vocabulary has no ${tok} token`);
      return id;
    };
    this.unkId = need(this.opts.unkToken);
    this.clsId = need(this.opts.clsToken);
    this.sepId = need(this.opts.sepToken);
    this.padId = vocab.get('[PAD]') ?? 0;
  }

  static fromVocabTxt(text: string, options?: WordPieceOptions): WordPieceTokenizer {
    const vocab = new Map<string, number>();
    text.split(/\r?\n/).forEach((tok, i) => {
      if (tok !== '' && !vocab.has(tok)) vocab.set(tok, i);
    });
    return new WordPieceTokenizer(vocab, options);
  }

  static fromTokenizerJson(json: string | Record<string, unknown>): WordPieceTokenizer {
    const cfg = (typeof json === 'string' ? JSON.parse(json) : json) as TokenizerJson;
    const model = cfg.model;
    if (!model || model.type !== 'WordPiece' || typeof model.vocab !== 'object') {
      throw new Error(`Only WordPiece (BERT-style) tokenizers are supported; this tokenizer is ${model?.type ?? 'unknown'}`);
    }
    const vocab = new Map<string, number>(Object.entries(model.vocab));
    const norm = cfg.normalizer?.type === 'BertNormalizer' ? cfg.normalizer : undefined;
    const lowercase = norm?.lowercase ?? false;
    const special = cfg.post_processor;
    const cls = special?.cls?.[0] ?? firstSpecial(special, 0) ?? '[CLS]';
    const sep = special?.sep?.[0] ?? firstSpecial(special, -1) ?? '[SEP]';
    return new WordPieceTokenizer(vocab, {
      lowercase,
      stripAccents: norm?.strip_accents ?? lowercase,
      unkToken: model.unk_token ?? '[UNK]',
      prefix: model.continuing_subword_prefix ?? '##',
      maxInputCharsPerWord: model.max_input_chars_per_word ?? 100,
      clsToken: cls,
      sepToken: sep,
      ...(cfg.truncation?.max_length ? { maxLength: cfg.truncation.max_length } : {}),
    });
  }

  get maxLength(): number {
    return this.opts.maxLength;
  }

  /** Normalise and pre-tokenise into words and punctuation marks. */
  words(text: string): string[] {
    let t = '';
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c === 0 || c === 0xfffd || (c < 32 && ch !== '\t' && ch !== '\n' && ch !== '\r') || (c >= 0x7f && c < 0xa0)) continue;
      t += isCjk(c) ? ` ${ch} ` : /\s/u.test(ch) ? ' ' : ch;
    }
    if (this.opts.lowercase) t = t.toLowerCase();
    if (this.opts.stripAccents) t = t.normalize('NFD').replace(/\p{Mn}/gu, '');
    const out: string[] = [];
    for (const word of t.split(' ')) {
      let cur = '';
      for (const ch of word) {
        if (isPunctuation(ch)) {
          if (cur) out.push(cur);
          out.push(ch);
          cur = '';
        } else {
          cur += ch;
        }
      }
      if (cur) out.push(cur);
    }
    return out;
  }

  /** Greedy longest-match-first WordPiece; a word with any unknown piece becomes [UNK]. */
  wordIds(word: string): number[] {
    const chars = Array.from(word);
    if (chars.length > this.opts.maxInputCharsPerWord) return [this.unkId];
    const ids: number[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found: number | undefined;
      while (start < end) {
        const piece = (start > 0 ? this.opts.prefix : '') + chars.slice(start, end).join('');
        found = this.vocab.get(piece);
        if (found !== undefined) break;
        end--;
      }
      if (found === undefined) return [this.unkId];
      ids.push(found);
      start = end;
    }
    return ids;
  }

  /** [CLS] tokens [SEP], truncated to `maxLength`. */
  encode(text: string, maxLength = this.opts.maxLength): Encoding {
    const body: number[] = [];
    const room = Math.max(0, maxLength - 2);
    for (const w of this.words(text)) {
      for (const id of this.wordIds(w)) {
        if (body.length >= room) break;
        body.push(id);
      }
      if (body.length >= room) break;
    }
    const ids = [this.clsId, ...body, this.sepId];
    return { ids, typeIds: ids.map(() => 0) };
  }
}

interface TokenizerJson {
  model?: {
    type?: string;
    vocab: Record<string, number>;
    unk_token?: string;
    continuing_subword_prefix?: string;
    max_input_chars_per_word?: number;
  };
  normalizer?: { type?: string; lowercase?: boolean; strip_accents?: boolean | null };
  truncation?: { max_length?: number } | null;
  post_processor?: {
    type?: string;
    cls?: [string, number];
    sep?: [string, number];
    single?: ({ SpecialToken?: { id: string } } | { Sequence?: unknown })[];
  } | null;
}

/** The first (`at` = 0) or last (`at` = -1) special token of a TemplateProcessing "single" template. */
function firstSpecial(pp: TokenizerJson['post_processor'], at: 0 | -1): string | undefined {
  const single = pp?.single;
  if (!Array.isArray(single) || single.length === 0) return undefined;
  const item = single[at === 0 ? 0 : single.length - 1] as { SpecialToken?: { id: string } };
  return item?.SpecialToken?.id;
}
