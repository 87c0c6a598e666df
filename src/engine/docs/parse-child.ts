/**
 * The isolated document parser: a child process that receives uploads over IPC one at a time,
 * parses each and sends back the result or a DocumentError's code and message. The parent caps
 * its memory and kills it at a parse's deadline, so whatever the bytes do, the server's own
 * process is untouched. It stays up between parses (starting Node and PDF.js costs far more than
 * a resume takes to read) until the parent retires it.
 */
import { DocumentError } from './errors.ts';
import { parseDocumentHere } from './parse.ts';
import type { DocumentLimits } from './limits.ts';
import type { DocumentInput } from './types.ts';

export interface ChildRequest {
  id: number;
  input: DocumentInput;
  limits: DocumentLimits;
}

const SAFE = 'That file could not be read. It may be damaged; please save it again and retry.';

process.on('message', (msg: ChildRequest) => {
  void parseDocumentHere(msg.input, msg.limits).then(
    (doc) => process.send!({ id: msg.id, ok: true, doc }),
    (e: unknown) => process.send!({ id: msg.id, ok: false, error: e instanceof DocumentError ? { code: e.code, message: e.message } : { code: 'corrupt', message: SAFE } }),
  );
});
// The parent going away (crash, kill) closes the channel: nothing is left running.
process.on('disconnect', () => process.exit(0));
