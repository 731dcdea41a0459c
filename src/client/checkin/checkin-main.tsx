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

// Without network the page must still open (三断): a service worker keeps its files. Browsers
// allow one only in a secure context (HTTPS, or this machine); elsewhere the queue still works
// for as long as the page stays open.
if ('serviceWorker' in navigator && window.isSecureContext) {
  void navigator.serviceWorker
    .register('/checkin-sw.js', { scope: '/checkin/' })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const files = performance
        .getEntriesByType('resource')
        .map((r) => r.name)
        .filter(
          (u) => new URL(u).origin === location.origin && !new URL(u).pathname.startsWith('/api/'),
        );
      registration.active?.postMessage({ cache: [location.href, ...files] });
    })
    .catch(() => undefined);
}
