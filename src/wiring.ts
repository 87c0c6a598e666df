import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { RuntimeExtras } from './runtime.ts';

export interface WiredExtras extends RuntimeExtras {
  /** Parses --doc/--jd files for the terminal and returns stored document ids. */
  ingestCliDocuments?: (userKey: string, docs: string[], jd?: string) => Promise<string[]>;
}

/**
 * Chooses the interviewer brain, the customize planner and the mode lines from config.
 * Until a language model or documents are configured, the built-in offline interviewer runs.
 */
export async function buildRuntimeExtras(_config: Config, _logger: Logger): Promise<WiredExtras> {
  return {};
}
