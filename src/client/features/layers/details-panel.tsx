import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { readableCst } from '../../../shared/time.ts';
import { useClock, useToday } from '../../state/use-today.ts';
import {
  type EQUIPMENT,
  type Camera,
  type Depot,
  isHazardOverdue,
  type GridMember,
  type HiddenHazard,
  type Incident,
  type Inventory,
  type Contact,
  type RiskPoint,
  type Shelter,
  type Team,
  type Warning,
} from '../../../shared/protocol/index.ts';
import { useCollection } from '../../data/collections.ts';
import { useView } from '../../state/view-context.tsx';
import type { LayerId } from '../../state/view-state.ts';
import { LAYER_SOURCE } from './layer-defs.ts';

type SourceLayer = keyof typeof LAYER_SOURCE;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** How long a selected entity may take to arrive before the panel says it is not there. */
const WAIT_MS = 5_000;
/** Occupancy against night capacity, as a bar. */
function Gauge({ value, max }: { value: number; max: number }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div className="gauge" role="meter" aria-valuenow={value} aria-valuemin={0} aria-valuemax={max}>
      <div style={{ width: `${pct}%` }} />
      <span>
        {value} / {max} ({pct.toFixed(0)}%)
      </span>
    </div>
  );
}

function InventoryTable({ inventory }: { inventory: Inventory }) {
  const { t } = useTranslation();
  const items = Object.entries(inventory) as [keyof typeof EQUIPMENT, number][];
  if (items.length === 0) return <span>{t('layers.empty')}</span>;
  return (
    <table className="inventory">
      <tbody>
        {items.map(([item, n]) => (
          <tr key={item}>
            <td>{t(`enums.equipment.${item}`)}</td>
            <td>{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The details of the selected entity, whatever layer it is on. */
export function DetailsPanel({
  layer,
  id,
  children,
}: {
  layer: LayerId;
  id: string;
  /** More about the entity from other features (e.g. recommended teams for an incident). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { view, dispatch } = useView();
  const source = layer in LAYER_SOURCE ? LAYER_SOURCE[layer as SourceLayer] : 'shelters';
  const data = useCollection(view.scenario, source, layer in LAYER_SOURCE);
  const entity = data.data?.byKey.get(id) as Record<string, unknown> | undefined;
  const today = useToday();
  const close = () => dispatch({ type: 'select', selection: null });
  const en = (key: string, value: unknown) => t(`enums.${key}.${String(value)}`);

  // Something just created or selected from a command's answer may arrive with its event a
  // moment later: wait a few seconds before saying it does not exist.
  const [opened] = useState(() => Date.now());
  const now = useClock(entity === undefined, 1000);
  const waiting = data.isPending || now - opened < WAIT_MS;
  let body: ReactNode = (
    <p data-testid="details-missing">{waiting ? t('layers.loading') : t('details.empty')}</p>
  );
  // The gateway leaves people's names and phones out for readers not cleared to see them.
  const contact = (c: Contact | undefined) =>
    c ? `${c.name} ${c.phone}` : t('layers.signInToSee');
  if (entity) {
    switch (layer) {
      case 'risk-points': {
        const r = entity as unknown as RiskPoint;
        body = (
          <dl>
            <Row label={t('fields.type')}>{en('riskType', r.type)}</Row>
            <Row label={t('fields.level')}>{en('level', r.level)}</Row>
            <Row label={t('fields.status')}>{en('hazardStatus', r.status)}</Row>
            <Row label={t('fields.deadline')}>{r.rectificationDeadline ?? '—'}</Row>
            <Row label={t('fields.responsible')}>{contact(r.responsible)}</Row>
            <Row label={t('fields.description')}>{r.description}</Row>
          </dl>
        );
        break;
      }
      case 'shelters': {
        const s = entity as unknown as Shelter;
        const f = s.facilities;
        body = (
          <dl>
            <Row label={t('fields.type')}>{en('shelterType', s.type)}</Row>
            <Row label={t('fields.status')}>{en('shelterStatus', s.status)}</Row>
            <Row label={t('fields.occupancy')}>
              <Gauge value={s.occupancy} max={s.capacityNight} />
            </Row>
            <Row label={t('fields.capacityDay')}>{s.capacityDay}</Row>
            <Row label={t('fields.capacityNight')}>{s.capacityNight}</Row>
            <Row label={t('fields.safeFor')}>
              {s.safeFor.map((h) => t(`hazard.${h}`)).join('、')}
            </Row>
            <Row label={t('fields.facilities')}>
              {(['medical', 'water', 'power', 'toilets', 'kitchen', 'accessible'] as const)
                .filter((k) => f[k])
                .map((k) => t(`facilities.${k}`))
                .concat(f.beds > 0 ? [t('facilities.beds', { count: f.beds })] : [])
                .join('、')}
            </Row>
            <Row label={t('fields.manager')}>{contact(s.manager)}</Row>
          </dl>
        );
        break;
      }
      case 'teams': {
        const tm = entity as unknown as Team;
        body = (
          <dl>
            <Row label={t('fields.kind')}>{en('teamKind', tm.kind)}</Row>
            <Row label={t('fields.status')}>{en('teamStatus', tm.status)}</Row>
            <Row label={t('fields.members')}>{tm.members}</Row>
            <Row label={t('fields.skills')}>
              {tm.skills.map((s) => en('teamSkill', s)).join('、')}
            </Row>
            <Row label={t('fields.equipment')}>
              <InventoryTable inventory={tm.equipment} />
            </Row>
            <Row label={t('fields.leader')}>{contact(tm.leader)}</Row>
          </dl>
        );
        break;
      }
      case 'depots': {
        const d = entity as unknown as Depot;
        body = (
          <dl>
            <Row label={t('fields.level')}>{en('depotLevel', d.level)}</Row>
            <Row label={t('fields.inventory')}>
              <InventoryTable inventory={d.inventory} />
            </Row>
            <Row label={t('fields.keeper')}>{contact(d.keeper)}</Row>
          </dl>
        );
        break;
      }
      case 'cameras': {
        const c = entity as unknown as Camera;
        body = (
          <dl>
            <Row label={t('fields.site')}>{en('cameraSite', c.site)}</Row>
            <Row label={t('fields.online')}>{en('online', c.online)}</Row>
            <Row label={t('fields.bearing')}>{`${c.bearing}°`}</Row>
            <Row label={t('fields.fov')}>{`${c.fov}°`}</Row>
            <Row label={t('fields.range')}>{`${c.rangeM} m`}</Row>
            <Row label={t('fields.stream')}>
              <code>{c.streamUrl}</code>
            </Row>
          </dl>
        );
        break;
      }
      case 'grid-members': {
        const g = entity as unknown as GridMember;
        body = (
          <dl>
            <Row label={t('fields.fullTime')}>{en('fullTime', g.fullTime)}</Row>
            <Row label={t('fields.online')}>{en('online', g.online)}</Row>
            <Row label={t('fields.phone')}>{g.phone}</Row>
          </dl>
        );
        break;
      }
      case 'incidents': {
        const i = entity as unknown as Incident;
        body = (
          <dl>
            <Row label={t('fields.type')}>{en('incidentType', i.type)}</Row>
            <Row label={t('fields.severity')}>{en('level', i.severity)}</Row>
            <Row label={t('fields.status')}>{en('incidentStatus', i.status)}</Row>
            <Row label={t('fields.reportedAt')}>{readableCst(i.reportedAt)}</Row>
            <Row label={t('fields.address')}>{i.address}</Row>
            <Row label={t('fields.description')}>{i.description}</Row>
          </dl>
        );
        break;
      }
      case 'hazards': {
        const h = entity as unknown as HiddenHazard;
        const late = isHazardOverdue(h, today);
        body = (
          <dl>
            <Row label={t('fields.category')}>{en('reportCategory', h.category)}</Row>
            <Row label={t('fields.level')}>{en('hiddenLevel', h.level)}</Row>
            <Row label={t('fields.status')}>
              {en('hazardStatus', h.status)}
              {late && <strong className="late"> · {en('hazardStatus', 'overdue')}</strong>}
            </Row>
            <Row label={t('fields.reportedAt')}>{readableCst(h.reportedAt)}</Row>
            <Row label={t('fields.deadline')}>{h.deadline}</Row>
            {h.rectifiedAt && (
              <Row label={t('fields.rectifiedAt')}>{readableCst(h.rectifiedAt)}</Row>
            )}
            {h.reportedBy && <Row label={t('fields.reportedBy')}>{h.reportedBy}</Row>}
            {h.note && <Row label={t('fields.description')}>{h.note}</Row>}
          </dl>
        );
        break;
      }
      case 'warnings': {
        const w = entity as unknown as Warning;
        body = (
          <dl>
            <Row label={t('fields.level')}>{en('warningColour', w.level)}</Row>
            {w.status === 'Exercise' && (
              <Row label={t('fields.status')}>{t('fields.exerciseTag')}</Row>
            )}
            <Row
              label={t('fields.time')}
            >{`${readableCst(w.onset)} — ${readableCst(w.expires)}`}</Row>
            <Row label={t('fields.description')}>{w.description}</Row>
          </dl>
        );
        break;
      }
      default:
        break;
    }
  }
  const named = entity?.name ?? entity?.title ?? entity?.headline;
  const title = typeof named === 'string' ? named : id;
  return (
    <aside className="details-panel" data-testid="details" aria-label={title}>
      <header>
        <h2>{title}</h2>
        <button type="button" onClick={close} aria-label={t('details.close')}>
          ×
        </button>
      </header>
      <p className="layer-tag">{t(`layers.${layer}`)}</p>
      {body}
      {children}
    </aside>
  );
}
