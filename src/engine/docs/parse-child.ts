/**
 * The isolated document parser: a child process that receives one upload over IPC, parses it
 * and sends back the result or a DocumentError's code and message. The parent caps its memory
 * and kills it at the deadline, so whatever the bytes do, the server's own process is untouched.
 */
import { DocumentError } from './errors.ts';
import { parseDocumentHere } from './parse.ts';
import type { DocumentLimits } from './limits.ts';
import type { DocumentInput } from './types.ts';

export interface ChildRequest {
  input: DocumentInput;
  limits: DocumentLimits;
}

process.once('message', (msg: ChildRequest) => {
  void parseDocumentHere(msg.input, msg.limits).then(
    (doc) => process.send!({ ok: true, doc }, () => process.exit(0)),
    (e: unknown) => {
      const err = e instanceof DocumentError ? { code: e.code, message: e.message } : { code: 'corrupt', message: 'That file could not be read. It may be damaged; please save it again and retry.' };
      process.send!({ ok: false, error: err }, () => process.exit(0));
    },
  );
});
