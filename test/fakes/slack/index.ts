// Entry point for tests: the fake server, request senders and default identities.
export * from './fake-slack.ts';
export * from './signing.ts';
export * from './identity.ts';
export type { OutgoingEnvelope, EnvelopeType } from './socket-mode.ts';
export type { FakeIdentity } from './method-context.ts';
export type { NewFile } from './methods-files.ts';
export type * from './state.ts';
