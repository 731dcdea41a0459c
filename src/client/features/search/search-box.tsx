import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioId } from '../../../shared/protocol/index.ts';
import { collectionQuery, useCollection } from '../../data/collections.ts';
import type { SearchEntry, SearchIndex } from './search-index.ts';

/** The index, built once the user first reaches for the box: pinyin-pro's dictionary is large. */
function useSearchIndex(scenario: ScenarioId, wanted: boolean): SearchIndex | null {
  const module = useQuery({
    queryKey: ['module', 'search-index'],
    queryFn: () => import('./search-index.ts'),
    enabled: wanted,
    staleTime: Infinity,
  }).data;
  const cities = useCollection(scenario, 'cities').data;
  const counties = useCollection(scenario, 'counties').data;
  const townships = useCollection(scenario, 'townships').data;
  const villages = useCollection(scenario, 'villages').data;
  const shelters = useCollection(scenario, 'shelters').data;
  const depots = useCollection(scenario, 'depots').data;
  const teams = useQuery(collectionQuery(scenario, 'teams')).data;
  const risk = useCollection(scenario, 'risk-points').data;
  return useMemo(() => {
    if (
      !module ||
      !cities ||
      !counties ||
      !townships ||
      !villages ||
      !shelters ||
      !depots ||
      !teams ||
      !risk
    )
      return null;
    const tName = new Map(townships.entities.map((t) => [t.code, t.name]));
    const entries: SearchEntry[] = [
      ...[
        ...cities.entities,
        ...counties.entities,
        ...townships.entities,
        ...villages.entities,
      ].map((a) => ({
        kind: 'area' as const,
        key: a.code,
        name: a.name,
        context: a.parentCode
          ? (tName.get(a.parentCode) ?? counties.byKey.get(a.parentCode)?.name ?? '')
          : '',
        position: a.seat,
      })),
      ...shelters.entities.map((s) => ({
        kind: 'shelter' as const,
        key: s.id,
        name: s.name,
        context: tName.get(s.townshipCode) ?? '',
        position: s.position,
      })),
      ...depots.entities.map((d) => ({
        kind: 'depot' as const,
        key: d.id,
        name: d.name,
        context: d.townshipCode ? (tName.get(d.townshipCode) ?? '') : '',
        position: d.position,
      })),
      ...teams.entities.map((t) => ({
        kind: 'team' as const,
        key: t.id,
        name: t.name,
        context: tName.get(t.townshipCode) ?? '',
        position: t.homeBase,
      })),
      ...risk.entities.map((r) => ({
        kind: 'risk' as const,
        key: r.id,
        name: r.name,
        context: tName.get(r.townshipCode) ?? '',
        position: r.position,
      })),
    ];
    return new module.SearchIndex(entries);
  }, [module, cities, counties, townships, villages, shelters, depots, teams, risk]);
}

/** Search box with keyboard navigation (↑ ↓ Enter Esc); a pick is handed to `onPick`. */
export function SearchBox({
  scenario,
  onPick,
}: {
  scenario: ScenarioId;
  onPick: (e: SearchEntry) => void;
}) {
  const { t } = useTranslation();
  // Two search boxes may be on screen (the top bar's, a form's): ids of their own.
  const uid = useId();
  const [wanted, setWanted] = useState(false);
  const index = useSearchIndex(scenario, wanted);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const results = useMemo(() => index?.search(query) ?? [], [index, query]);

  const choose = (e: SearchEntry | undefined) => {
    if (!e) return;
    onPick(e);
    setQuery(e.name);
    setOpen(false);
  };

  return (
    <div className="search" role="search">
      <input
        type="search"
        role="combobox"
        aria-label={t('search.placeholder')}
        aria-expanded={open && results.length > 0}
        aria-controls={`${uid}-results`}
        aria-activedescendant={
          open && results[active] ? `${uid}-${results[active].key}` : undefined
        }
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, results.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            choose(results[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
        onFocus={() => {
          setWanted(true);
          setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {open && query.trim() && (
        <ul id={`${uid}-results`} role="listbox" className="search-results">
          {results.length === 0 && <li className="none">{t('search.none')}</li>}
          {results.map((r, i) => (
            <li
              key={`${r.kind}-${r.key}`}
              id={`${uid}-${r.key}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(r);
              }}
            >
              <span className="kind">{t(`search.kinds.${r.kind}`)}</span>
              <span className="name">{r.name}</span>
              <span className="context">{r.context || r.key}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
