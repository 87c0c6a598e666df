import { SKILLS_LEXICON, type SkillCategory, type SkillEntry } from './skills-lexicon.ts';

export interface SkillMention {
  /** Canonical name from the lexicon, e.g. "PostgreSQL". */
  skill: string;
  category: SkillCategory;
  /** The exact text found in the line, e.g. "postgres". */
  text: string;
  /** Offset of `text` in the line. */
  index: number;
}

// Letters/digits and the symbols that are part of tech names (C++, C#, .NET) must not touch a match.
const BEFORE = String.raw`(?<![\p{L}\p{N}_+#@.\-])`;
const AFTER = String.raw`(?![\p{L}\p{N}_+#]|\.[\p{L}\p{N}])`;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Spaces and hyphens inside a name are optional: "Power BI" = "PowerBI" = "Power-BI". */
function pattern(form: string): string {
  return escapeRegex(form).replace(/\\-| /g, '[ \\-]?');
}

function key(form: string): string {
  return form.toLowerCase().replace(/[ \-]/g, '');
}

export class SkillMatcher {
  readonly entries: readonly SkillEntry[];
  private readonly loose: RegExp | undefined;
  private readonly strict: RegExp | undefined;
  private readonly looseMap = new Map<string, SkillEntry>();
  private readonly strictMap = new Map<string, SkillEntry>();

  constructor(entries: readonly SkillEntry[] = SKILLS_LEXICON) {
    this.entries = entries;
    const looseForms: string[] = [];
    const strictForms: string[] = [];
    for (const entry of entries) {
      for (const form of [entry.name, ...(entry.aliases ?? [])]) {
        if (entry.exact?.includes(form)) continue;
        const k = key(form);
        const prev = this.looseMap.get(k);
        if (prev && prev !== entry) throw new Error(`Skill spelling "${form}" belongs to both ${prev.name} and ${entry.name}`);
        this.looseMap.set(k, entry);
        looseForms.push(form);
      }
      for (const form of entry.exact ?? []) {
        const k = form.replace(/[ \-]/g, '');
        const prev = this.strictMap.get(k);
        if (prev && prev !== entry) throw new Error(`Skill spelling "${form}" belongs to both ${prev.name} and ${entry.name}`);
        this.strictMap.set(k, entry);
        strictForms.push(form);
      }
    }
    // Longest first, so "React Native" wins over "React" at the same position.
    const alt = (forms: string[]): string => [...new Set(forms)].sort((a, b) => b.length - a.length).map(pattern).join('|');
    if (looseForms.length) this.loose = new RegExp(`${BEFORE}(?:${alt(looseForms)})${AFTER}`, 'giu');
    if (strictForms.length) this.strict = new RegExp(`${BEFORE}(?:${alt(strictForms)})${AFTER}`, 'gu');
  }

  /** Every skill mentioned in one line, in order of appearance (a skill may repeat). */
  find(line: string): SkillMention[] {
    const out: SkillMention[] = [];
    const scan = (re: RegExp | undefined, map: Map<string, SkillEntry>, toKey: (s: string) => string): void => {
      if (!re) return;
      re.lastIndex = 0;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        const entry = map.get(toKey(m[0]));
        if (!entry) continue;
        if (entry.reject) {
          const end = m.index + m[0].length;
          const around = `${line.slice(Math.max(0, m.index - 16), m.index)}«${m[0]}»${line.slice(end, end + 16)}`;
          if (entry.reject.test(around)) continue;
        }
        out.push({ skill: entry.name, category: entry.category, text: m[0], index: m.index });
      }
    };
    scan(this.loose, this.looseMap, key);
    scan(this.strict, this.strictMap, (s) => s.replace(/[ \-]/g, ''));
    return out.sort((a, b) => a.index - b.index);
  }

  /** Canonical skill names mentioned in a line, each once. */
  names(line: string): string[] {
    return [...new Set(this.find(line).map((m) => m.skill))];
  }

  category(skill: string): SkillCategory | undefined {
    return this.entries.find((e) => e.name === skill)?.category;
  }
}

let shared: SkillMatcher | undefined;

/** The matcher over the built-in lexicon, compiled once. */
export function defaultSkillMatcher(): SkillMatcher {
  shared ??= new SkillMatcher();
  return shared;
}
