import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  WALL_FREE,
  WallSceneId,
  type ScenarioId,
  type WallState,
} from '../../../shared/protocol/index.ts';
import { useCanCommand } from '../../api/session.ts';
import { wallStateQuery } from '../../data/live-values.ts';
import { sendCommand } from '../../live/commands.ts';

function useWall(scenario: ScenarioId): {
  state: WallState;
  set: (change: Partial<Pick<WallState, 'scene' | 'focus'>>) => void;
  error: string | null;
} {
  const state = useQuery(wallStateQuery(scenario)).data ?? WALL_FREE;
  const [error, setError] = useState<string | null>(null);
  const set = (change: Partial<Pick<WallState, 'scene' | 'focus'>>) => {
    // Only what changed: the gateway keeps the rest as it stands there.
    void sendCommand('wall:control', { scenario, ...change }).then((r) =>
      setError(r.ok ? null : r.error),
    );
  };
  return { state, set, error };
}

/**
 * The duty officer's hold on the walls (every wall of the scenario, in any room, follows through
 * the gateway): rotate or hold one scene.
 */
export function WallSceneControl({ scenario }: { scenario: ScenarioId }) {
  const { t } = useTranslation();
  const allowed = useCanCommand();
  const wall = useWall(scenario);
  if (!allowed) return null;
  return (
    <label title={wall.error ?? undefined}>
      <span>{t('wallControl.label')}</span>
      <select
        name="wall-scene"
        value={wall.state.scene ?? ''}
        onChange={(e) => {
          const scene = WallSceneId.safeParse(e.target.value);
          wall.set({ scene: scene.success ? scene.data : null });
        }}
      >
        <option value="">{t('wallControl.rotate')}</option>
        {WallSceneId.options.map((id) => (
          <option key={id} value={id}>
            {t(`wall.scene.${id}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** In an incident's details: put it on every wall, or let the walls go back to their scenes. */
export function WallFocusButton({ scenario, id }: { scenario: ScenarioId; id: string }) {
  const { t } = useTranslation();
  const allowed = useCanCommand();
  const wall = useWall(scenario);
  if (!allowed) return null;
  const focused = wall.state.focus === id;
  return (
    <p className="wall-focus">
      <button
        type="button"
        data-testid="wall-focus"
        aria-pressed={focused}
        onClick={() => wall.set({ focus: focused ? null : id })}
      >
        {focused ? t('wallControl.unfocus') : t('wallControl.focus')}
      </button>
      {wall.error && <span role="alert">{wall.error}</span>}
    </p>
  );
}
