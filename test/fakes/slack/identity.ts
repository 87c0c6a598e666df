// Default identities shared by the fake server and the request senders, so a signed event
// and the fake's auth.test answer describe the same workspace and bot without extra wiring.

export const FAKE_TEAM_ID = 'T0FAKE001';
export const FAKE_TEAM_NAME = 'Fake Workspace';
export const FAKE_TEAM_DOMAIN = 'fake-workspace';
export const FAKE_APP_ID = 'A0FAKE001';
export const FAKE_BOT_TOKEN = 'xoxb-fake-bot-token';
export const FAKE_APP_TOKEN = 'xapp-1-fake-app-token';
export const FAKE_BOT_USER_ID = 'U0FAKEBOT';
export const FAKE_BOT_ID = 'B0FAKEBOT';
export const FAKE_USER_ID = 'U0FAKEUSR';
export const FAKE_USER_NAME = 'alice';
export const FAKE_CHANNEL_ID = 'C0FAKECHN';
export const FAKE_CHANNEL_NAME = 'general';

/** A Slack-shaped random id: prefix plus uppercase alphanumerics. */
export function randomSlackId(prefix: string, length = 10): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let id = prefix;
  for (let i = 0; i < length; i += 1) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}
