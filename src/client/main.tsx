import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { authHeaders, isGatewayUrl } from './api/credential.ts';
import { session } from './api/session.ts';
import { AccessGate } from './app/access-gate.tsx';
import { App } from './app/app.tsx';
import { ScenariosGate } from './app/scenarios-gate.tsx';
import { setRequestHeaders } from './map/request-headers.ts';
import { WallApp } from './wall/wall-app.tsx';
import './app/app.css';
import './app/kpis.css';
import './i18n/index.ts';
import { LAYER_DEFAULTS } from './features/layers/registry.ts';
import { ViewProvider } from './state/view-context.tsx';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 2, refetchOnWindowFocus: false } },
});
// The map's own requests to the gateway (tiles, archives) carry this tab's credential.
setRequestHeaders((url) => (isGatewayUrl(url) ? authHeaders() : {}));
// Signing in or out changes what the gateway shows this tab (people, sensitive incidents, the
// whole read API where it needs an account): it is read again. The history tables are the same for
// everyone: kept once they have loaded.
session.subscribe(
  () =>
    void queryClient.invalidateQueries({
      predicate: (q) => !(q.queryKey[0] === 'table' && q.state.status === 'success'),
    }),
);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* The wall keeps its own link (scenes, interval); the console's view lives in the URL. */}
      {window.location.pathname.startsWith('/wall') ? (
        <ScenariosGate>{(list) => <WallApp scenarios={list.map((s) => s.id)} />}</ScenariosGate>
      ) : (
        <AccessGate>
          <ScenariosGate>
            {(list) => (
              <ViewProvider layers={LAYER_DEFAULTS} scenarios={list.map((s) => s.id)}>
                <App />
              </ViewProvider>
            )}
          </ScenariosGate>
        </AccessGate>
      )}
    </QueryClientProvider>
  </StrictMode>,
);
