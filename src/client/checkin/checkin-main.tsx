import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CheckinPage } from './checkin-page.tsx';
import '../phone/phone-base.css';
import './checkin.css';

// The page a shelter's staff open from their door's link: /checkin/<token>. Its own small
// bundle (no map), so it opens on a weak signal.
const token = decodeURIComponent(
  window.location.pathname.replace(/^\/checkin\//, '').split('/')[0] ?? '',
);
const root = document.getElementById('root');
if (!root) throw new Error('checkin.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <CheckinPage token={token} />
  </StrictMode>,
);
