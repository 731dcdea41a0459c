import { useSyncExternalStore } from 'react';

/**
 * How much to enlarge map symbols and labels: 1 on a 1920-wide screen, up to 2.2 on a 4K wall,
 * so that what reads at a desk also reads from 5 m. Follows window resizes.
 */
export function uiScale(width: number): number {
  return Math.round(Math.min(2.2, Math.max(1, width / 1920)) * 10) / 10;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

export function useUiScale(): number {
  return useSyncExternalStore(subscribe, () => uiScale(window.innerWidth));
}
