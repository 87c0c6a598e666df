// The Slack surface as src/main.ts starts it: over HTTP it mounts on the API server's port at
// /slack/events; with SLACK_APP_TOKEN it connects over Socket Mode instead.
import { guardSlackRequests } from '../../api/slack-guard.ts';
import type { RunningSurface, SurfaceContext } from '../../app/surface.ts';
import { transcribeAudioFile } from '../../voice/transcribe-file.ts';
import { createSlackApp, SLACK_EVENTS_PATH } from './app.ts';

/** The Slack surface's starter (src/app/surfaces.ts). */
export async function startSlack(ctx: SurfaceContext): Promise<RunningSurface> {
  const { app } = ctx;
  const speech = app.speech;
  const slack = createSlackApp(app, {
    ...(speech ? { transcribe: (bytes: Buffer, type: string, language?: string) => transcribeAudioFile(speech, bytes, type, { maxBytes: app.config.MAX_AUDIO_BYTES, maxSeconds: app.config.MAX_AUDIO_SECONDS, ...(language ? { language } : {}) }) } : {}),
  });
  let ok = false;
  ctx.http.healthSources.components = {
    ...ctx.http.healthSources.components,
    slack: () => ({ configured: true, ok, detail: ok ? `${slack.mode === 'socket' ? 'Socket Mode' : `HTTP at ${SLACK_EVENTS_PATH}`}` : 'not started' }),
  };
  await slack.start();
  if (slack.mode === 'http') {
    const guarded = guardSlackRequests(slack.requestListener, { signingSecret: app.config.SLACK_SIGNING_SECRET ?? '', logger: app.logger });
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
