export { type Behaviour, type ChaosOptions, type FakeRequest, type Responder, type Served, approxTokens, chaosResponder } from './behaviour.ts';
export { FakeGemini } from './fake-gemini.ts';
export { FakeOpenAI } from './fake-openai.ts';
export { dataBlock, interviewerResponder, purposeOf } from './interviewer-responder.ts';
export { FakeModelServer, type FakeServerOptions } from './server.ts';
