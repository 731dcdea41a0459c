import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useState,
  type Dispatch,
  type ReactNode,
} from 'react';
import type { ScenarioId } from '../../shared/protocol/index.ts';
import { decodeView, encodeView } from './url-codec.ts';
import {
  defaultViewState,
  viewReducer,
  type LayerDefaults,
  type LayerId,
  type ViewAction,
  type ViewState,
} from './view-state.ts';

const STORAGE_KEY = 'onemap.view';

interface ViewContextValue {
  view: ViewState;
  dispatch: Dispatch<ViewAction>;
  /** Every layer's starting choice (from the layer registry the shell hands in). */
  defaults: LayerDefaults;
  /** The jurisdictions the gateway serves; the first is the default. */
  scenarios: readonly ScenarioId[];
  /** Why parts of the link were ignored. */
  problems: string[];
}

const ViewContext = createContext<ViewContextValue | null>(null);

/** Layer choices and theme persist in localStorage; the URL overrides them. */
function stored(defaults: LayerDefaults): Partial<Pick<ViewState, 'layers' | 'theme'>> {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return {};
    const parsed = JSON.parse(raw) as Partial<ViewState>;
    const layers = { ...defaults };
    for (const id of Object.keys(defaults) as LayerId[]) {
      const l = parsed.layers?.[id];
      if (
        l &&
        typeof l.on === 'boolean' &&
        typeof l.opacity === 'number' &&
        typeof l.filters === 'object'
      )
        layers[id] = l;
    }
    return { layers, theme: parsed.theme === 'light' ? 'light' : 'dark' };
  } catch {
    // A corrupt entry is ignored: the defaults apply.
    return {};
  }
}

function initial(
  defaults: LayerDefaults,
  scenarios: readonly ScenarioId[],
): { view: ViewState; problems: string[] } {
  const base = { ...defaultViewState(defaults, scenarios[0] ?? ''), ...stored(defaults) };
  return decodeView(window.location.search, base, scenarios);
}

export function ViewProvider({
  layers,
  scenarios,
  children,
}: {
  layers: LayerDefaults;
  scenarios: readonly ScenarioId[];
  children: ReactNode;
}) {
  const [start] = useState(() => initial(layers, scenarios));
  const [view, dispatch] = useReducer(viewReducer, start.view);

  useEffect(() => {
    const url = new URL(window.location.href);
    url.search = encodeView(view);
    window.history.replaceState(null, '', url);
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ layers: view.layers, theme: view.theme }));
  }, [view]);

  const value = useMemo(
    () => ({ view, dispatch, defaults: layers, scenarios, problems: start.problems }),
    [view, layers, scenarios, start.problems],
  );
  return <ViewContext.Provider value={value}>{children}</ViewContext.Provider>;
}

export function useView(): ViewContextValue {
  const v = useContext(ViewContext);
  if (!v) throw new Error('useView outside ViewProvider');
  return v;
}
