import { useTranslation } from 'react-i18next';
import { severityRank, type Incident } from '../../shared/protocol/index.ts';

/**
 * The active incidents beside the wall's map, most serious first. Clicking one zooms there;
 * clicking it again gives the scene its camera back (as on CAD walls).
 */
export function WallIncidentList({
  incidents,
  pinned,
  onPick,
  redact,
}: {
  incidents: readonly Incident[];
  pinned: string | null;
  onPick: (id: string) => void;
  redact: boolean;
}) {
  const { t } = useTranslation();
  const rows = [...incidents]
    .filter((i) => !(redact && i.sensitive))
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        b.reportedAt.localeCompare(a.reportedAt),
    )
    .slice(0, 8);
  return (
    <ol className="wall-incidents" data-testid="wall-incidents">
      {rows.map((i) => (
        <li key={i.id} className={`level-${i.severity}${pinned === i.id ? ' pinned' : ''}`}>
          <button type="button" onClick={() => onPick(i.id)} aria-pressed={pinned === i.id}>
            <span className="level">{i.severity}</span>
            {redact ? t(`enums.incidentType.${i.type}`) : i.title}
            <small>{t(`enums.incidentStatus.${i.status}`)}</small>
          </button>
        </li>
      ))}
    </ol>
  );
}
