// The Slack surface as src/main.ts starts it: over HTTP it mounts on the API server's port at
// /slack/events; with SLACK_APP_TOKEN it connects over Socket Mode instead.
import { guardSlackRequests } from '../../api/slack-guard.ts';
import type { RunningSurface, SurfaceContext } from '../../surfaces.ts';
import { transcribeAudioFile } from '../../voice/transcribe-file.ts';
import { createSlackApp, SLACK_EVENTS_PATH } from './app.ts';
import type { SlackDocuments, UploadedFile } from './deps.ts';

/** The documents layer exposes this on the runtime (or its extras) once it is wired in. */
type IngestDocument = (userKey: string, file: UploadedFile) => Promise<{ id: string; summary: string }>;

function documentsFrom(ctx: SurfaceContext): SlackDocuments | undefined {
  const ingest = (ctx.runtime as { ingestDocument?: IngestDocument }).ingestDocument ?? (ctx.extras as { ingestDocument?: IngestDocument }).ingestDocument;
  return ingest ? { ingest } : undefined;
}

export async function startSlack(ctx: SurfaceContext): Promise<RunningSurface> {
  const documents = documentsFrom(ctx);
  const speech = ctx.extras.speech;
  const slack = createSlackApp(ctx.runtime, {
    ...(documents ? { documents } : {}),
    ...(speech ? { transcribe: (bytes: Buffer, type: string, language?: string) => transcribeAudioFile(speech, bytes, type, { maxBytes: ctx.config.MAX_AUDIO_BYTES, maxSeconds: ctx.config.MAX_AUDIO_SECONDS, ...(language ? { language } : {}) }) } : {}),
  });
  let ok = false;
  ctx.http.healthSources.components = {
    ...ctx.http.healthSources.components,
    slack: () => ({ configured: true, ok, detail: ok ? `${slack.mode === 'socket' ? 'Socket Mode' : `HTTP at ${SLACK_EVENTS_PATH}`}` : 'not started' }),
  };
  await slack.start();
  if (slack.mode === 'http') {
    const guarded = guardSlackRequests(slack.requestListener, { signingSecret: ctx.config.SLACK_SIGNING_SECRET ?? '', logger: ctx.logger });
    ctx.http.mountRaw(SLACK_EVENTS_PATH, guarded);
  }
  ok = true;
  return {
    name: 'slack',
    async stop() {
      ok = false;
      await slack.stop();
    },
  };
}
