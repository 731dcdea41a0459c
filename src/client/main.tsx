import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { WallApp } from './wall/wall-app.tsx';
import './app/app.css';
import './app/kpis.css';
import './i18n/index.ts';
import { ViewProvider } from './state/view-context.tsx';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 2, refetchOnWindowFocus: false } },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* The wall keeps its own link (scenes, interval); the console's view lives in the URL. */}
      {window.location.pathname.startsWith('/wall') ? (
        <WallApp />
      ) : (
        <ViewProvider>
          <App />
        </ViewProvider>
      )}
    </QueryClientProvider>
  </StrictMode>,
);
