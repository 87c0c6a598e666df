import './panel.css';
import { createRoot } from 'react-dom/client';
import { InterviewVoicePanel } from './components/interview/InterviewVoicePanel.tsx';

const root = document.getElementById('root');
if (root) createRoot(root).render(<InterviewVoicePanel />);
