import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioId } from '../../../shared/protocol/index.ts';
import type { Hazard } from '../../../shared/transfer/hazard-area.ts';
import { hazardChoices } from '../../../shared/transfer/hazard-scenarios.ts';
import { useCollection } from '../../data/collections.ts';
import type { DrawnHazard } from './use-drawn-hazard.ts';

/** A hazard's name as the planner reads it (scenarios are named from what they are). */
export function useHazardName(): (h: Hazard) => string {
  const { t } = useTranslation();
  return (h) => {
    const s = h.scenario;
    if (h.source === 'drawn') return t('transfer.drawnName', { n: h.zones.length });
    if (!s) return h.name;
    if (s.kind === 'overflow') return t('transfer.riverFlood', { river: s.river });
    if (s.kind === 'breach') return t('transfer.breach', { river: s.river, place: s.place });
    return t('transfer.waterlogging', { mm: s.rainMm });
  };
}

/**
 * Where the water is: a warning in force, one of the sample's flood scenarios (river overflow,
 * embankment breach at a watched dike section, waterlogging by rainfall), or polygons the
 * planner draws on the map as deep or shallow water.
 */
export function HazardPicker({
  scenario,
  hazard,
  onHazard,
  draw,
}: {
  scenario: ScenarioId;
  hazard: Hazard | null;
  onHazard: (h: Hazard | null) => void;
  draw: DrawnHazard;
}) {
  const { t } = useTranslation();
  const name = useHazardName();
  const rivers = useCollection(scenario, 'rivers').data?.entities;
  const warnings = useCollection(scenario, 'warnings').data?.entities;
  const riskPoints = useCollection(scenario, 'risk-points').data?.entities;
  const choices = useMemo(
    () => hazardChoices(warnings ?? [], rivers ?? [], riskPoints ?? []),
    [warnings, rivers, riskPoints],
  );
  const hazards = hazard?.source === 'drawn' ? [hazard, ...choices] : choices;
  const group = (source: Hazard['source'], kind?: string) =>
    hazards.filter((h) => h.source === source && (!kind || h.scenario?.kind === kind));
  const options = (list: Hazard[]) =>
    list.map((h) => (
      <option key={h.id} value={h.id}>
        {name(h)}
      </option>
    ));
  return (
    <>
      <label>
        <span>{t('transfer.hazard')}</span>
        <select
          name="hazard"
          value={hazard?.id ?? ''}
          onChange={(e) => onHazard(hazards.find((h) => h.id === e.target.value) ?? null)}
        >
          <option value="">{t('transfer.pickHazard')}</option>
          {options(group('drawn'))}
          <optgroup label={t('transfer.groups.warning')}>{options(group('warning'))}</optgroup>
          <optgroup label={t('transfer.groups.overflow')}>
            {options(group('scenario', 'overflow'))}
          </optgroup>
          <optgroup label={t('transfer.groups.breach')}>
            {options(group('scenario', 'breach'))}
          </optgroup>
          <optgroup label={t('transfer.groups.waterlogging')}>
            {options(group('scenario', 'waterlogging'))}
          </optgroup>
        </select>
      </label>
      <div className="draw-hazard" data-testid="draw-hazard">
        <button
          type="button"
          aria-pressed={draw.drawing}
          onClick={() => draw.setDrawing(!draw.drawing)}
        >
          {draw.drawing ? t('transfer.draw.stop') : t('transfer.draw.start')}
        </button>
        <select
          name="draw-depth"
          aria-label={t('transfer.draw.depth')}
          value={draw.depth}
          onChange={(e) => draw.setDepth(e.target.value === 'shallow' ? 'shallow' : 'deep')}
        >
          <option value="deep">{t('transfer.draw.deep')}</option>
          <option value="shallow">{t('transfer.draw.shallow')}</option>
        </select>
        {draw.zones.length > 0 && (
          <button type="button" onClick={draw.clear}>
            {t('transfer.draw.clear')}
          </button>
        )}
      </div>
      {draw.drawing && <p className="hint draw-hint">{t('transfer.draw.hint')}</p>}
      <p className="hint">{t('transfer.scenarioNote')}</p>
    </>
  );
}
