import { stripBullet, stripEmphasis } from './line-text.ts';

export type ResumeSection = 'summary' | 'experience' | 'projects' | 'skills' | 'education' | 'other';
export type JobSection = 'about' | 'responsibilities' | 'requirements' | 'nice-to-have' | 'benefits' | 'other';

const APOS = `['’]?`;

const RESUME_HEADINGS: [ResumeSection, RegExp][] = [
  ['summary', /^(professional )?(summary|profile|about( me)?|objective|overview)$/i],
  ['experience', /^((work|professional|relevant|industry) )?(experience|employment( history)?|work history|career( history)?)$/i],
  ['projects', /^((personal|side|selected|key|open[- ]source|notable) )?projects$/i],
  ['skills', /^((technical|core|key) )?(skills|technologies|tech stack|tools|competencies|expertise)( (&|and) (tools|technologies|interests))?$/i],
  ['education', /^(education|academics?|academic background|certifications?|education (&|and) certifications?|courses|training)$/i],
  ['other', /^(awards|honou?rs|publications|languages|interests|volunteering|volunteer experience|references|achievements|activities)$/i],
];

const JOB_HEADINGS: [JobSection, RegExp][] = [
  ['nice-to-have', new RegExp(`^(nice[- ]to[- ]haves?|bonus( points)?|preferred( qualifications| skills)?|pluses|good to have|extra credit|it${APOS}s a plus( if)?.*|even better if.*)$`, 'i')],
  ['responsibilities', new RegExp(`^((key |main |your )?responsibilities|what you${APOS}ll do|what you will do|(about )?the role|your role|in this role.*|duties|day[- ]to[- ]day|your impact|what you${APOS}ll work on)$`, 'i')],
  ['requirements', new RegExp(`^(requirements|(minimum |basic |required )?qualifications|what you${APOS}ll (need|bring)|what we${APOS}re looking for|what we are looking for|who you are|must[- ]haves?|required skills|skills( (&|and) experience)?|about you|you have|you might be a fit if.*)$`, 'i')],
  ['benefits', new RegExp(`^(benefits|perks|what we offer|compensation( (&|and) benefits)?|why join us|why work with us)$`, 'i')],
  // "About <Company>" needs the capital to tell it from prose; the rest is case-insensitive.
  ['about', /^([Aa]bout (?:\p{Lu}.{1,40}|us|the (?:company|team|job))|(?:ABOUT|[Ww]ho we are|[Tt]he company|[Oo]ur (?:company|team|mission)).*)$/u],
];

function headingText(line: string): string | undefined {
  const t = stripEmphasis(stripBullet(line)).replace(/[:：]\s*$/, '').trim();
  if (t === '' || t.length > 48 || /[.!?]$/.test(t)) return undefined;
  return t;
}

function classify<T extends string>(line: string, table: [T, RegExp][]): T | undefined {
  const t = headingText(line);
  if (t === undefined) return undefined;
  for (const [section, re] of table) if (re.test(t)) return section;
  return undefined;
}

/** Section of every line (index = line - 1); heading lines belong to the section they open. */
function assign<T extends string>(lines: string[], table: [T, RegExp][], initial: T): { sections: T[]; headings: Set<number> } {
  const sections: T[] = [];
  const headings = new Set<number>();
  let current = initial;
  lines.forEach((line, i) => {
    const s = classify(line, table);
    if (s !== undefined) {
      current = s;
      headings.add(i + 1);
    }
    sections.push(current);
  });
  return { sections, headings };
}

export function resumeSections(lines: string[]): { sections: ResumeSection[]; headings: Set<number> } {
  return assign(lines, RESUME_HEADINGS, 'other');
}

export function jobSections(lines: string[]): { sections: JobSection[]; headings: Set<number> } {
  return assign(lines, JOB_HEADINGS, 'other');
}
