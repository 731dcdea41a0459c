import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AnswerPage } from './answer-page.tsx';
import '../phone/phone-base.css';
import './answer.css';

// The page a responsible person opens from the SMS: /a/<token>. Its own small bundle (no map).
const token = decodeURIComponent(
  window.location.pathname.replace(/^\/a\//, '').split('/')[0] ?? '',
);
const root = document.getElementById('root');
if (!root) throw new Error('answer.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <AnswerPage token={token} />
  </StrictMode>,
);
