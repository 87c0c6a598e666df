import { UserError } from '../../../engine/errors.ts';

/** Downloads a Discord attachment (CDN URL) with a hard size cap, whatever the server claims. */
export async function fetchAttachment(url: string, maxBytes: number, signal: AbortSignal = AbortSignal.timeout(20_000)): Promise<Uint8Array> {
  const res = await fetch(url, { signal });
  if (!res.ok || !res.body) throw new Error(`download failed with HTTP ${res.status}`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new UserError('too_large', `That file is larger than ${(maxBytes / 1048576).toFixed(0)} MB.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
