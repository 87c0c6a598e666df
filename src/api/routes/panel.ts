/**
 * The browser panel and what it needs beyond the interview routes:
 *   (GET / sends browsers here: routes/docs.ts)
 *   GET  /interview                 the panel (web/, bundled by esbuild)
 *   GET  /panel/:file, /panel/vad/:file, /panel/ort/:file   its bundle, the VAD model and worklet, ONNX Runtime's WASM
 *   POST /api/documents             a resume or job description for a customize interview (the shared document intake)
 *   GET  /api/reports/:session_id   a finished interview's report with what strong answers include
 *   GET  /reports/:session_id       the same as a printable page; /reports/:session_id/chart.svg its chart
 */
import { createReadStream, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DOCUMENT_EXTENSIONS, type DocumentIntake, documentErrorMessage } from '../../chat/documents.ts';
import { competencyChartSvg } from '../../render/chart.ts';
import { type ApiContext, userKeyOf } from '../context.ts';
import { ApiError } from '../http-error.ts';
import { renderReportPage } from '../reports/page.ts';
import { docSchema } from '../openapi.ts';
import { parseOrThrow } from '../validation.ts';
import { defineRoute } from '../route.ts';
import { ErrorBody, SessionParams, TokenQuery } from '../schemas.ts';
import { z } from 'zod';
import { reportView } from '../reports/view.ts';

export interface PanelRoutesOptions {
  ctx: ApiContext;
  documents?: DocumentIntake;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIST = join(ROOT, 'web', 'dist');
const VAD_DIR = join(ROOT, 'node_modules', '@ricky0123', 'vad-web', 'dist');
const ORT_DIR = join(ROOT, 'node_modules', 'onnxruntime-web', 'dist');
const VAD_FILES = new Set(['vad.worklet.bundle.min.js', 'silero_vad_v5.onnx', 'silero_vad_legacy.onnx']);
const ORT_FILES = /^ort-wasm-simd-threaded(\.jsep|\.asyncify|\.jspi)?\.(mjs|wasm)$/;
const DIST_FILE = /^[A-Za-z0-9_-]+\.(js|css)$/;

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', mjs: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', wasm: 'application/wasm', onnx: 'application/octet-stream' };

// The panel runs our own scripts, ONNX Runtime's WASM (which needs wasm-unsafe-eval) and an
// audio worklet; it talks only to this origin.
const PANEL_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self'; base-uri 'none'; frame-ancestors 'none'";

const PanelQuery = z.object({
  session: SessionParams.shape.session_id.optional().describe('An interview to resume.'),
  user: z.string().min(1).max(128).regex(/^[^\u0000-\u001f\u007f]*$/).optional().describe('Whose history the next interview joins.'),
});
const ChartQuery = TokenQuery.extend({ width: z.enum(['compact']).optional().describe('compact: drawn for a phone screen.') });

/** Charts drawn for phones: 420 units wide, so their text stays legible at 390 px. */
const COMPACT_WIDTH = 420;

const notFound = () => new ApiError(404, 'session_not_found', 'There is no interview with that session_id.');
const noReport = () => new ApiError(409, 'report_not_ready', 'That interview has not finished yet, so it has no report. Finish or end it first.');

let building: Promise<void> | null = null;
/** The bundle is made at install; a checkout that skipped that builds it on first use. */
async function ensureBundle(log: ApiContext['logger']): Promise<void> {
  building ??= (async () => {
    const { buildPanel, panelBuildStale } = await import('../../../web/build.ts');
    if (!existsSync(join(DIST, 'panel.js')) || panelBuildStale()) {
      log.info('building the browser panel (web/)');
      await buildPanel();
    }
  })().catch((err: unknown) => {
    building = null;
    throw err;
  });
  return building;
}

/** The chunks panel.js imports statically, preloaded with it so they do not wait for it to be parsed. */
async function staticChunks(): Promise<string[]> {
  const entry = await readFile(join(DIST, 'panel.js'), 'utf8').catch(() => '');
  return [...new Set([...entry.matchAll(/from\s*"\.\/(chunk-[A-Za-z0-9_-]+\.js)"/g)].map((m) => m[1]!))];
}

function panelHtml(chunks: string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Interview practice · Alex</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/panel/panel.css">
<link rel="modulepreload" href="/panel/panel.js">
${chunks.map((c) => `<link rel="modulepreload" href="/panel/${c}">`).join('\n')}
</head>
<body>
<header class="site"><div class="wrap"><a href="/interview">Interview coach</a><nav><a href="/dashboard" id="dashboard-link">Dashboard</a></nav></div></header>
<div id="root"></div>
<noscript><p style="padding:20px">The interview panel needs JavaScript. The HTTP API (/docs) works without it.</p></noscript>
<script type="module" src="/panel/panel.js"></script>
</body>
</html>`;
}

async function sendFile(reply: FastifyReply, dir: string, file: string, immutable: boolean, acceptEncoding = '') {
  const path = join(dir, file);
  const st = await stat(path).catch(() => null);
  if (!st?.isFile()) throw new ApiError(404, 'not_found', 'No such file.');
  const ext = file.slice(file.lastIndexOf('.') + 1);
  // The bundle is stored gzipped beside itself (web/build.ts); send that when the browser takes gzip.
  const gz = /\bgzip\b/.test(acceptEncoding) ? await stat(`${path}.gz`).catch(() => null) : null;
  if (gz?.isFile()) reply.header('content-encoding', 'gzip');
  if (dir === DIST) reply.header('vary', 'accept-encoding');
  return reply
    .type(TYPES[ext] ?? 'application/octet-stream')
    .header('content-length', String((gz ?? st).size))
    .header('cache-control', immutable ? 'public, max-age=604800, immutable' : 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .send(createReadStream(gz ? `${path}.gz` : path));
}

export const panelRoutes: FastifyPluginAsync<PanelRoutesOptions> = async (app: FastifyInstance, { ctx, documents }) => {
  const log = ctx.logger;
  if (!app.hasContentTypeParser('multipart/form-data')) await app.register(multipart);
  // Static files are not API calls: they do not count against the per-minute limit.
  const FileParams = z.object({ file: z.string().max(100).describe('File name.') });
  const file = (url: string, summary: string, type: string) => ({
    config: { rateLimit: false as const },
    schema: docSchema({ method: 'GET', url, summary, tags: ['panel'], secured: false, rateLimited: false, params: FileParams, responses: { 200: { description: 'The file.', contentType: type }, 404: { description: 'No such file.', schema: ErrorBody } } }),
  });
  const open = {
    config: { rateLimit: false as const },
    schema: docSchema({
      method: 'GET',
      url: '/interview',
      summary: 'The interview panel (HTML): start form, text and voice answers, report',
      tags: ['panel'],
      secured: false,
      rateLimited: false,
      query: PanelQuery,
      responses: { 200: { description: 'HTML page.', contentType: 'text/html' }, 400: { description: 'A session or user that is not an id.', schema: ErrorBody } },
    }),
  };

  let chunks: Promise<string[]> | null = null;
  app.get('/interview', open, async (req, reply) => {
    // The page reads these itself; a malformed one is refused here rather than half-used there.
    parseOrThrow(PanelQuery, req.query, 'query');
    await ensureBundle(log);
    chunks ??= staticChunks();
    const html = panelHtml(await chunks);
    return reply.type('text/html; charset=utf-8').header('content-security-policy', PANEL_CSP).header('cache-control', 'no-cache').header('referrer-policy', 'no-referrer').send(html);
  });

  app.get<{ Params: { file: string } }>('/panel/:file', file('/panel/:file', 'The panel\'s bundled scripts and stylesheet', 'text/javascript'), async (req, reply) => {
    if (!DIST_FILE.test(req.params.file)) throw new ApiError(404, 'not_found', 'No such file.');
    await ensureBundle(log);
    // Chunk names carry a content hash; panel.js and panel.css keep their names, so they revalidate.
    return sendFile(reply, DIST, req.params.file, req.params.file.startsWith('chunk-'), req.headers['accept-encoding']);
  });
  app.get<{ Params: { file: string } }>('/panel/vad/:file', file('/panel/vad/:file', 'The voice detector\'s model and audio worklet (from @ricky0123/vad-web)', 'application/octet-stream'), async (req, reply) => {
    if (!VAD_FILES.has(req.params.file)) throw new ApiError(404, 'not_found', 'No such file.');
    return sendFile(reply, VAD_DIR, req.params.file, true);
  });
  app.get<{ Params: { file: string } }>('/panel/ort/:file', file('/panel/ort/:file', 'ONNX Runtime\'s WASM and its loader (from onnxruntime-web), for the voice detector', 'application/wasm'), async (req, reply) => {
    if (!ORT_FILES.test(req.params.file)) throw new ApiError(404, 'not_found', 'No such file.');
    return sendFile(reply, ORT_DIR, req.params.file, true);
  });

  const UploadForm = z.object({
    user_id: z.string().min(1).max(128).describe('Whose document it is (the user_id of the start call).'),
    kind: z.enum(['resume', 'job-description']).optional().describe('Default: decided from the text.'),
    file: z.string().describe('The document: PDF, DOCX, TXT or Markdown, within the upload size and page limits.'),
  });
  const uploadDoc = docSchema({
    method: 'POST',
    url: '/api/documents',
    summary: 'Upload a resume or job description for a customize interview',
    description: 'multipart/form-data. The same document intake as chat uploads; pass the returned id in document_ids of a customize start.',
    tags: ['interview'],
    secured: true,
    consumes: ['multipart/form-data'],
    body: UploadForm,
    responses: {
      200: { description: 'Stored: its id and a one-line summary.', schema: z.object({ id: z.string(), summary: z.string(), filename: z.string() }) },
      400: { description: 'No file or no user_id.', schema: ErrorBody },
      404: { description: 'documents_unavailable: this server takes no uploads.', schema: ErrorBody },
      413: { description: 'document_too_large.', schema: ErrorBody },
      415: { description: 'unsupported_document: not PDF, DOCX, TXT or Markdown.', schema: ErrorBody },
      422: { description: 'unreadable_document, with the reason.', schema: ErrorBody },
    },
  });
  app.post('/api/documents', { schema: uploadDoc }, async (req, reply) => {
    if (!documents) throw new ApiError(404, 'documents_unavailable', 'Document uploads are not available on this server; start the interview without documents.');
    if (!req.isMultipart()) throw new ApiError(415, 'unsupported_document', "Send multipart/form-data with the document in a 'file' field and your user_id.");
    const fields: Record<string, string> = {};
    let file: { bytes: Buffer; filename: string; mimeType: string } | undefined;
    try {
      for await (const part of req.parts({ limits: { fileSize: documents.maxBytes, files: 1, fields: 4, fieldSize: 1024 } })) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          file = { bytes, filename: part.filename, mimeType: part.mimetype };
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new ApiError(413, 'document_too_large', `That file is larger than the ${Math.round(documents.maxBytes / 1024 / 1024)} MB limit.`);
      throw new ApiError(400, 'bad_request', 'The upload could not be read; send one file and your user_id.');
    }
    const userId = fields.user_id?.trim();
    if (!userId || userId.length > 128 || /[\u0000-\u001f\u007f]/.test(userId)) throw new ApiError(400, 'validation_error', 'user_id is required (up to 128 characters).');
    if (!file || !file.bytes.length) throw new ApiError(400, 'missing_document', "No file: put the document in a 'file' field.");
    if (!DOCUMENT_EXTENSIONS.test(file.filename)) throw new ApiError(415, 'unsupported_document', 'Send a PDF, DOCX, TXT or Markdown file.');
    const kind = fields.kind === 'resume' || fields.kind === 'job-description' ? fields.kind : undefined;
    try {
      const doc = await documents.ingest(userKeyOf(userId), { bytes: new Uint8Array(file.bytes), filename: file.filename, mimeType: file.mimeType, ...(kind ? { kind } : {}) });
      return reply.send({ id: doc.id, summary: doc.summary, filename: file.filename });
    } catch (err) {
      log.info({ err: err instanceof Error ? err.name : 'unknown' }, 'document refused');
      throw new ApiError(422, 'unreadable_document', documentErrorMessage(err));
    }
  });

  // A report is its owner's (their user token) or the operator's (an API key), whichever surface the interview ran on.
  const finished = async (id: string, req: FastifyRequest, reply: FastifyReply) => {
    const s = await ctx.engine.getById(id);
    if (!s) throw notFound();
    await ctx.auth.requireUser(req, reply, s.userKey);
    const view = reportView(s);
    if (!view || !s.report) throw noReport();
    return { s, view, report: s.report };
  };

  const ownerOnly = { params: SessionParams, userScoped: true, secured: true } as const;
  const denied = { 401: { description: 'No token or key.', schema: ErrorBody }, 403: { description: 'Another user\'s token.', schema: ErrorBody }, 404: { description: 'Unknown session_id.', schema: ErrorBody } };

  defineRoute(app, ctx.catalog, {
    ...ownerOnly,
    method: 'GET',
    url: '/api/reports/:session_id',
    summary: 'A finished interview\'s report, with what a strong answer includes per question',
    description: 'Needs the user\'s own user_token (returned by start) as "Authorization: Bearer <user_token>", or an API key.',
    tags: ['interview'],
    responses: {
      200: { description: 'The report (as in the final turn), strong_answers by question id, and the chart, page and dashboard links.' },
      ...denied,
      409: { description: 'The interview has not finished yet.', schema: ErrorBody },
    },
    handler: async ({ params, req }, reply) => (await finished(params.session_id, req, reply)).view,
  });

  defineRoute(app, ctx.catalog, {
    ...ownerOnly,
    method: 'GET',
    url: '/reports/:session_id',
    summary: 'A finished interview\'s report as a printable page',
    description: 'Readable with the owner\'s token (?token=<user_token> or a Bearer header) or an API key.',
    tags: ['reports'],
    query: TokenQuery,
    responses: { 200: { description: 'HTML page.', contentType: 'text/html' }, ...denied },
    handler: async ({ params, query, req }, reply) => {
      const { view, report } = await finished(params.session_id, req, reply);
      const token = query.token ? `?token=${encodeURIComponent(query.token)}` : '';
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', PAGE_CSP)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .send(renderReportPage(view, competencyChartSvg(report), token, competencyChartSvg(report, COMPACT_WIDTH)));
    },
  });

  defineRoute(app, ctx.catalog, {
    ...ownerOnly,
    method: 'GET',
    url: '/reports/:session_id/chart.svg',
    summary: 'A finished interview\'s chart (SVG); width=compact draws it for a phone screen',
    tags: ['reports'],
    query: ChartQuery,
    responses: { 200: { description: 'SVG image.', contentType: 'image/svg+xml' }, ...denied },
    handler: async ({ params, query, req }, reply) => {
      const { report } = await finished(params.session_id, req, reply);
      return reply.type('image/svg+xml').header('cache-control', 'no-store').send(competencyChartSvg(report, query.width === 'compact' ? COMPACT_WIDTH : undefined));
    },
  });
};
