import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { useMemo } from 'react';
import { readableCst } from '../../../../shared/time.ts';
import {
  IncidentStatus,
  IncidentType,
  SeverityLevel,
  type Incident,
} from '../../../../shared/protocol/index.ts';
import { useCollection } from '../../../data/collections.ts';
import { useClock } from '../../../state/use-today.ts';
import { useFiltered } from '../filtered.ts';
import { defineLayer } from '../layer-spec.ts';
import { LEVEL_COLOUR, rgba } from '../palette.ts';
import { Row, useDetailWords } from '../parts/detail-rows.tsx';

declare module '../../../state/layer-ids.ts' {
  interface LayerIds {
    incidents: true;
  }
}

/** New incidents pulse for this long. */
const PULSE_MS = 10 * 60_000;

/** Incidents in their severity colours; ones newer than PULSE_MS pulse. */
function incidentsLayer(
  scale: number,
  incidents: readonly Incident[],
  now: number,
  opacity: number,
): Layer {
  const phase = (now % 1200) / 1200;
  return new ScatterplotLayer<Incident>({
    id: 'incidents',
    data: incidents,
    pickable: true,
    opacity,
    radiusUnits: 'pixels',
    radiusScale: scale,
    stroked: true,
    getPosition: (i) => i.position,
    getRadius: (i) =>
      now - Date.parse(i.reportedAt) < PULSE_MS ? 10 + 8 * Math.sin(phase * Math.PI) : 10,
    getFillColor: (i) => rgba(LEVEL_COLOUR[i.severity]),
    getLineColor: [255, 255, 255, 255],
    lineWidthMinPixels: 2,
    updateTriggers: { getRadius: phase },
  });
}

function Details({ entity: i }: { entity: Incident }) {
  const { label, en } = useDetailWords();
  return (
    <dl>
      <Row label={label('type')}>{en('incidentType', i.type)}</Row>
      <Row label={label('severity')}>{en('level', i.severity)}</Row>
      <Row label={label('status')}>{en('incidentStatus', i.status)}</Row>
      <Row label={label('reportedAt')}>{readableCst(i.reportedAt)}</Row>
      <Row label={label('address')}>{i.address}</Row>
      <Row label={label('description')}>{i.description}</Row>
    </dl>
  );
}

export const incidents = defineLayer({
  id: 'incidents',
  name: { 'zh-CN': '突发事件', en: 'Incidents' },
  defaultOn: true,
  source: 'incidents',
  filters: [
    { field: 'type', enumKey: 'incidentType', options: IncidentType.options },
    { field: 'severity', enumKey: 'level', options: SeverityLevel.options },
    { field: 'status', enumKey: 'incidentStatus', options: IncidentStatus.options },
  ],
  legend: { enumKey: 'level', colours: LEVEL_COLOUR },
  picks: { incidents: 'entity' },
  Details,
  useBuild({ view, choice, scale, hideSensitive }) {
    const query = useCollection(view.scenario, 'incidents');
    const all = query.data?.entities;
    const shown = useMemo(
      () => (hideSensitive ? all?.filter((i) => !i.sensitive) : all),
      [all, hideSensitive],
    );
    const { kept } = useFiltered(shown, 'incidents', choice);
    // Pulsing needs a ticking clock only while some incident is new; the minute clock finds them.
    const minute = useClock(true, 60_000);
    const hasNew = kept.some((i) => minute - Date.parse(i.reportedAt) < PULSE_MS);
    const now = useClock(hasNew && choice.on, 80);
    const deck = useMemo(
      () => (choice.on ? [incidentsLayer(scale, kept, now, choice.opacity)] : []),
      [choice.on, choice.opacity, kept, now, scale],
    );
    return {
      deck,
      count: { shown: kept.length, total: all?.length ?? 0 },
      error: query.error,
    };
  },
});
