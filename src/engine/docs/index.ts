/** Documents for "customize" interviews: parsing, limits, chunking and rule-based fact extraction. */
export { chunkCitation, chunkDocument, formatLineRange, type ChunkOptions } from './chunk.ts';
export { DOCUMENT_ERROR_CODES, DocumentError, isDocumentError, type DocumentErrorCode } from './errors.ts';
export { instructionLines, looksLikeInstruction } from './injection.ts';
export { extractJobRequirements, skillGaps, type JobRequirements } from './job.ts';
export { guessKind } from './kind.ts';
export { DEFAULT_LIMITS, resolveLimits, type DocumentLimits } from './limits.ts';
export { cleanFilename, parseDocument, parsedFromText } from './parse.ts';
export {
  extractProfile,
  type Fact,
  type FactType,
  type LineFact,
  type Profile,
  type ProjectFact,
  type RoleFact,
  type SkillEvidence,
} from './profile.ts';
export { defaultSkillMatcher, SkillMatcher, type SkillMention } from './skill-matcher.ts';
export { SKILLS_LEXICON, type SkillCategory, type SkillEntry } from './skills-lexicon.ts';
export type { Chunk, DocumentFormat, DocumentInput, DocumentKind, ParsedDocument } from './types.ts';
