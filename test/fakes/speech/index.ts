export { FakeSpeechServer, wavInfo } from './gpu-server.ts';
export type { RecordedSpeech, RecordedTranscription, Route, Step, WavInfo } from './gpu-server.ts';
export { FakeEdgeTts } from './edge-server.ts';
export type { EdgeRequest } from './edge-server.ts';
export { espeakSeconds, espeakWav, oggOpusOf, webmOpusOf } from './tts-audio.ts';
export { muxWebmOpus, opusHead } from './webm-mux.ts';
