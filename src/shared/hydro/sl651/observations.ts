import type { Observation, StationKind } from '../../protocol/index.ts';
import { shiftMinutes, type Report, type StationGroup } from './report.ts';

/**
 * What a report says in OneMap's terms: rain amounts over periods and water levels (or depths,
 * for a waterlogging sensor), per station. Rain overlaps in a report — an hourly report carries
 * the twelve 5-minute amounts, the 1-hour total and the day's — so only the finest increments a
 * station group gives are taken (5-minute series, else 1/5/10/30-minute, else 1-hour amounts);
 * windows are summed from them later, never from the RTU's own windowed totals.
 * `kindOf` says what OneMap knows the station to be; an address it does not know gives nothing.
 */
export function observationsOf(
  report: Report,
  kindOf: (station: string) => StationKind | undefined,
): { observations: Observation[]; unknown: string[] } {
  const observations: Observation[] = [];
  const unknown: string[] = [];
  for (const group of report.stations) {
    const code = stationCode(group.station);
    const kind = code === null ? undefined : kindOf(code);
    if (code === null || kind === undefined) {
      unknown.push(group.station);
      continue;
    }
    observations.push(...rainOf(group, code), ...levelsOf(group, code, kind));
  }
  return { observations, unknown };
}

/** A hydrology station's address is 00 and its 8-digit code; others are kept whole if decimal. */
function stationCode(address: string): string | null {
  if (!/^\d{10}$/.test(address)) return null;
  return address.startsWith('00') ? address.slice(2) : address;
}

const FINE = [1, 5, 10, 30, 60];

function rainOf(group: StationGroup, station: string): Observation[] {
  const series = group.readings.filter((r) => r.element.kind.kind === 'rain-5min');
  if (series.length > 0)
    return series.flatMap((r) =>
      (r.values ?? []).flatMap((value, k) =>
        // The group's time is the end of the first 5 minutes.
        value === null
          ? []
          : [
              {
                station,
                element: 'rain' as const,
                time: shiftMinutes(r.time, 5 * k),
                value,
                periodMin: 5,
              },
            ],
      ),
    );
  const amounts = group.readings.flatMap((r) =>
    r.element.kind.kind === 'rain' && FINE.includes(r.element.kind.periodMin) && r.value !== null
      ? [{ time: r.time, value: r.value, periodMin: r.element.kind.periodMin }]
      : [],
  );
  const finest = Math.min(...amounts.map((a) => a.periodMin));
  return amounts
    .filter((a) => a.periodMin === finest)
    .map((a) => ({ station, element: 'rain' as const, ...a }));
}

function levelsOf(group: StationGroup, station: string, kind: StationKind): Observation[] {
  if (kind === 'rain') return [];
  // A river station's level is Z; a reservoir's the upstream level ZU (库上水位), Z if that is
  // all it sends; a waterlogging sensor reports its depth as a level over the street (Z).
  const wanted = kind === 'reservoir' ? ['upstream', 'river'] : ['river'];
  for (const which of wanted) {
    const found = group.readings.filter(
      (r) => r.element.kind.kind === 'level' && r.element.kind.which === which && r.value !== null,
    );
    if (found.length > 0)
      return found.map((r) => ({
        station,
        element: kind === 'waterlogging' ? ('depth' as const) : ('level' as const),
        time: r.time,
        value: r.value ?? 0,
      }));
  }
  return [];
}
