import { describe, expect, test } from 'vitest';
import { defaultSkillMatcher, SkillMatcher } from '../../../src/engine/docs/skill-matcher.ts';
import { SKILLS_LEXICON } from '../../../src/engine/docs/skills-lexicon.ts';

const m = defaultSkillMatcher();

describe('skills lexicon matching', () => {
  test('the lexicon covers a few hundred skills across every category', () => {
    expect(SKILLS_LEXICON.length).toBeGreaterThanOrEqual(250);
    expect(new Set(SKILLS_LEXICON.map((e) => e.category)).size).toBe(13);
  });

  test('aliases map to one canonical name, case-insensitively', () => {
    expect(m.names('Ran k8s clusters; tuned postgres and Mongo; wrote golang')).toEqual(['Kubernetes', 'PostgreSQL', 'MongoDB', 'Go']);
    expect(m.names('KUBERNETES, PostgreSQL, Power-BI, PowerBI')).toEqual(['Kubernetes', 'PostgreSQL', 'Power BI']);
    expect(m.find('Tuned postgres')[0]).toMatchObject({ skill: 'PostgreSQL', text: 'postgres', index: 6 });
  });

  test('matches respect word boundaries and symbols in names', () => {
    expect(m.names('JavaScript only')).toEqual(['JavaScript']);
    expect(m.names('C, C++, C#, .NET and Objective-C')).toEqual(['C', 'C++', 'C#', '.NET', 'Objective-C']);
    expect(m.names('React Native and React')).toEqual(['React Native', 'React']);
    expect(m.names('Go/Python services, AWS-hosted')).toEqual(['Go', 'Python', 'AWS']);
    expect(m.names('See github.com/priya and node.js.')).toEqual(['Node.js']);
  });

  test('words that only look like skills are not matched', () => {
    expect(m.names('Led the go-to-market plan after our Series C round; we go live soon')).toEqual([]);
    expect(m.names('guard rails, at the helm, a swift rollout, sparked interest')).toEqual([]);
    expect(m.names('1,200 GitHub stars')).toEqual([]);
  });

  test('a lexicon that gives one spelling to two skills is rejected when compiled', () => {
    expect(() => new SkillMatcher([{ name: 'Go', category: 'language' }, { name: 'Golang', category: 'language', aliases: ['go'] }])).toThrow(/both/);
  });
});
