// What another React app imports: the panel, its hooks and the API client.
export { InterviewVoicePanel, type InterviewVoicePanelProps } from './components/interview/InterviewVoicePanel.tsx';
export { ReportView } from './components/interview/ReportView.tsx';
export { StartForm } from './components/interview/StartForm.tsx';
export { useAudioPlayer, speakableChunks } from './hooks/useAudioPlayer.ts';
export { useHandsFree } from './hooks/useHandsFree.ts';
export { useInterviewSession } from './hooks/useInterviewSession.ts';
export { useMicrophone } from './hooks/useMicrophone.ts';
export * from './services/interviewApi.ts';
