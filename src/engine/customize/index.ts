/** Customize interviews: the user's documents in, a personal, grounded plan of questions out. */
export { cleanDocument, type CleanDoc } from './clean-doc.ts';
export { DocumentService, summarizeDocument, type DocumentEntry, type DocumentServiceOptions } from './document-service.ts';
export { embedderSource, type EmbedderChoice, type EmbedderSource, type EmbeddingSettings, type GpuEmbeddingSignal } from './embedders.ts';
export { checkRef, namedTerms, ungroundedTerms } from './grounding.ts';
export { type PlanModel } from './model-plan.ts';
export { createCustomPlanner, type CustomPlannerOptions } from './planner.ts';
