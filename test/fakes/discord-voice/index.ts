export { FakeVoiceServer, type BotPacket, type FakeVoiceOptions, type GatewayMessage } from './server.ts';
export { selfSignedCert, trustInThisProcess, type TestCert } from './cert.ts';
export { decryptRtp, encryptRtp, OPUS_PAYLOAD_TYPE, type DecryptedRtp, type RtpFields } from './rtp.ts';
export { voiceAdapter, type AdapterRecord } from './adapter.ts';
