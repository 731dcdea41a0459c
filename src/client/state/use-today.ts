import { useEffect, useState } from 'react';
import { dateCst } from '../../shared/time.ts';

/** Today's date in China time, refreshed every minute: what "overdue" is measured against. */
export function useToday(): string {
  const [today, setToday] = useState(() => dateCst(Date.now()));
  useEffect(() => {
    const timer = setInterval(() => setToday(dateCst(Date.now())), 60_000);
    return () => clearInterval(timer);
  }, []);
  return today;
}

/** The current time, ticking every `ms` while `active`; 0 while idle. */
export function useClock(active: boolean, ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
  return active ? now : 0;
}
