import { useCallback, useEffect, useRef, useState } from 'react';

/** Echo cancellation keeps Alex's own voice (from the speakers) out of the candidate's answer. */
export const MIC_CONSTRAINTS: MediaStreamConstraints = { audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 } };

function recorderType(): string | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  return ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm'].find((t) => MediaRecorder.isTypeSupported(t));
}

export interface Microphone {
  /** The open stream (for voice detection), after open(). */
  stream: MediaStream | null;
  recording: boolean;
  error: string | null;
  open(): Promise<MediaStream>;
  startRecording(): Promise<void>;
  /** Stops and returns the recording (null when nothing was recorded). */
  stopRecording(): Promise<Blob | null>;
  close(): void;
}

/** The seed's useMicrophone: one microphone stream, recorded with MediaRecorder on demand. */
export function useMicrophone(): Microphone {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [recording, setRecording] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const recRef = useRef<{ rec: MediaRecorder; chunks: Blob[] } | null>(null);

  const open = useCallback(async () => {
    if (streamRef.current) return streamRef.current;
    try {
      const s = await navigator.mediaDevices.getUserMedia(MIC_CONSTRAINTS);
      streamRef.current = s;
      setStream(s);
      setError(null);
      return s;
    } catch (e) {
      const msg = e instanceof DOMException && e.name === 'NotAllowedError' ? 'Microphone access was refused. Allow it in the browser, or type your answers.' : 'No microphone could be opened. Type your answers instead.';
      setError(msg);
      throw new Error(msg);
    }
  }, []);

  const startRecording = useCallback(async () => {
    if (recRef.current) return;
    const s = await open();
    const type = recorderType();
    const rec = new MediaRecorder(s, type ? { mimeType: type } : undefined);
    const chunks: Blob[] = [];
    rec.ondataavailable = (ev) => {
      if (ev.data.size > 0) chunks.push(ev.data);
    };
    recRef.current = { rec, chunks };
    rec.start(250);
    setRecording(true);
  }, [open]);

  const stopRecording = useCallback(async () => {
    const cur = recRef.current;
    recRef.current = null;
    setRecording(false);
    if (!cur) return null;
    if (cur.rec.state !== 'inactive') {
      await new Promise<void>((resolve) => {
        cur.rec.onstop = () => resolve();
        cur.rec.stop();
      });
    }
    if (!cur.chunks.length) return null;
    return new Blob(cur.chunks, { type: cur.rec.mimeType || 'audio/webm' });
  }, []);

  const close = useCallback(() => {
    recRef.current?.rec.state !== 'inactive' && recRef.current?.rec.stop();
    recRef.current = null;
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
    setStream(null);
    setRecording(false);
  }, []);

  useEffect(() => close, [close]);

  return { stream, recording, error, open, startRecording, stopRecording, close };
}
