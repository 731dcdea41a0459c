import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type {
  HydroRule,
  HydroRulesAnswer,
  ScenarioId,
  Session,
} from '../../../shared/protocol/index.ts';
import { fetchRules, putRules } from '../../api/rule-writes.ts';

/** What a rule watches for, in a line: "1 小时 ≥ 20 mm", "超警戒水位", "上涨 ≥ 0.5 m/h"… */
function condition(r: HydroRule, t: TFunction): string {
  switch (r.kind) {
    case 'rain':
      return t('rules.rain', { h: r.windowH, mm: r.mm });
    case 'level':
      return t(`rules.over.${r.over}`);
    case 'rise':
      return t('rules.rise', { m: r.metresPerHour });
    case 'village':
      return t(`rules.village.${r.stage}`);
    case 'depth':
      return t('rules.depth');
  }
}

/**
 * The jurisdiction's 水雨情 rules for an admin: the ones in force in a table, and the set as
 * JSON to edit and save as a whole. The gateway checks every rule and names the one and the
 * field that is wrong; saved, the engine runs on the new set at once (and the change is audited).
 */
export function RuleEditor({ scenario, session }: { scenario: ScenarioId; session: Session }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<HydroRulesAnswer | null>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const ctl = new AbortController();
    fetchRules(scenario, ctl.signal)
      .then((a) => {
        setAnswer(a);
        setText(JSON.stringify(a.rules, null, 2));
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== 'AbortError') setProblem((e as Error).message);
      });
    return () => ctl.abort();
  }, [scenario]);
  const save = async () => {
    setProblem(null);
    setSaved(false);
    let rules: unknown;
    try {
      rules = JSON.parse(text);
    } catch (e) {
      setProblem(t('rules.notJson', { error: (e as Error).message }));
      return;
    }
    try {
      const a = await putRules(session, scenario, rules);
      setAnswer(a);
      setText(JSON.stringify(a.rules, null, 2));
      setSaved(true);
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  return (
    <details className="rule-editor" data-testid="rule-editor">
      <summary>
        {t('rules.title')}
        {answer && <span className="source"> · {t(`rules.source.${answer.source}`)}</span>}
      </summary>
      {answer && (
        <table>
          <thead>
            <tr>
              <th>{t('rules.name')}</th>
              <th>{t('rules.condition')}</th>
              <th>{t('rules.level')}</th>
              <th>{t('rules.warns')}</th>
            </tr>
          </thead>
          <tbody>
            {answer.rules.map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td>{condition(r, t)}</td>
                <td>{t(`rules.levels.${r.level}`)}</td>
                <td>{r.warn ? '✓' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <textarea
        aria-label={t('rules.json')}
        spellCheck={false}
        rows={14}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setSaved(false);
        }}
      />
      <p>
        <button type="button" className="primary" onClick={() => void save()}>
          {t('rules.save')}
        </button>
        {saved && <span role="status"> {t('rules.saved')}</span>}
      </p>
      {problem && (
        <pre className="problem" role="alert">
          {problem}
        </pre>
      )}
    </details>
  );
}
