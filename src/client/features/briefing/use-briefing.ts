import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Annotations,
  type Annotation,
  type AnnotationColour,
  type AnnotationKind,
  type BriefingScene,
} from '../../../shared/protocol/index.ts';
import { briefingQuery } from '../../data/live-values.ts';
import { sendCommand } from '../../live/commands.ts';
import type { Drawing } from '../../map/shape-draw.ts';
import { decodeView, encodeView } from '../../state/url-codec.ts';
import { useView } from '../../state/view-context.tsx';
import { defaultViewState, type ViewState } from '../../state/view-state.ts';
import { annotationLayers } from './annotation-layers.ts';
import { PEN, SHAPE_OF, toAnnotation } from './annotation-shapes.ts';
import { useAudience } from '../../api/use-whoami.ts';

/** Followers open /briefing/follow; the presenter /briefing. */
export const isFollower = () => window.location.pathname.startsWith('/briefing/follow');
const isBriefing = () => window.location.pathname.startsWith('/briefing');

let scenes = 0;
const newSceneId = () => `S${Date.now().toString(36)}${(scenes++ % 1296).toString(36)}`;

/**
 * A briefing over the live map. The presenter steps through scenes saved on the gateway (the
 * console's link — camera, layers, filters, selection — with a title, notes and drawings), draws
 * over the map, and sends what they show to everyone on /briefing/follow. Inert outside /briefing.
 */
export function useBriefing(onShow: (v: ViewState) => void, scale: number) {
  const { t } = useTranslation();
  const { view, defaults, scenarios } = useView();
  const on = isBriefing();
  const follower = isFollower();
  // A briefing's scenes, notes and drawings are operations: for signed-in people (and internal walls).
  const cleared = useAudience() === 'full';
  const query = useQuery({ ...briefingQuery(view.scenario), enabled: on && cleared });
  const deck = query.data?.scenes;
  const saved = useMemo(() => deck ?? [], [deck]);
  const presented = query.data?.presented ?? null;

  const [currentId, setCurrentId] = useState<string | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [pen, setPen] = useState<AnnotationKind | null>(null);
  const [colour, setColour] = useState<AnnotationColour>('red');
  const [text, setText] = useState('');
  const [presenting, setPresenting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const current = saved.find((s) => s.id === currentId) ?? null;

  const show = useCallback(
    (scene: BriefingScene) => {
      setCurrentId(scene.id);
      setAnnotations(scene.annotations);
      onShow(decodeView(scene.view, defaultViewState(defaults, view.scenario), scenarios).view);
    },
    [onShow, defaults, scenarios, view.scenario],
  );

  // A scene's permalink (/briefing?s=…&scene=ID) opens it, drawings and all, once the deck is in.
  const [linkScene] = useState(() =>
    on ? new URLSearchParams(window.location.search).get('scene') : null,
  );
  const opened = useRef(false);
  useEffect(() => {
    if (!linkScene || !deck || opened.current) return;
    opened.current = true;
    const scene = deck.find((s) => s.id === linkScene);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- once, when the deck arrives from the gateway (an external load), not derived state
    if (scene) show(scene);
    else setProblem(t('briefing.noSuchScene', { id: linkScene }));
  }, [linkScene, deck, show, t]);

  const drawing = useMemo((): Drawing | null => {
    if (!on || follower || !pen) return null;
    return {
      mode: SHAPE_OF[pen],
      colour: PEN[colour],
      onShape: (shape) => {
        const a = toAnnotation(pen, colour, shape, text);
        if (!a) {
          if (pen === 'text') setProblem(t('briefing.needText'));
          return;
        }
        // The protocol's own limits (drawings and points per scene) decide what still fits.
        const next = [...annotations, a];
        if (!Annotations.safeParse(next).success) {
          setProblem(t('briefing.tooMuchDrawn'));
          return;
        }
        setProblem(null);
        setAnnotations(next);
      },
    };
  }, [on, follower, pen, colour, text, annotations, t]);

  const followed = presented?.annotations;
  const layers = useMemo(
    () => annotationLayers(follower ? (followed ?? []) : annotations, scale),
    [follower, followed, annotations, scale],
  );

  // The presenter's view goes out as it changes (a pause after the last move, not every frame).
  const link = encodeView(view);
  useEffect(() => {
    if (!presenting || follower) return;
    const timer = setTimeout(() => {
      void sendCommand('briefing:present', {
        scenario: view.scenario,
        view: link,
        title: current?.title ?? '',
        notes: current?.notes ?? '',
        annotations,
      }).then((r) => setProblem(r.ok ? null : r.error));
    }, 400);
    return () => clearTimeout(timer);
  }, [presenting, follower, link, current, annotations, view.scenario]);

  // A follower takes each new view the presenter sends.
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!follower || !presented || seen.current === presented.at) return;
    seen.current = presented.at;
    const decoded = decodeView(
      presented.view,
      defaultViewState(defaults, view.scenario),
      scenarios,
    );
    setProblem(decoded.problems.length > 0 ? decoded.problems.join('; ') : null);
    onShow(decoded.view);
  }, [follower, presented, onShow, defaults, scenarios, view.scenario]);

  const answer = (r: { ok: true } | { ok: false; error: string }) =>
    setProblem(r.ok ? null : t('briefing.refused', { reason: r.error }));

  return {
    on,
    follower,
    /** On /briefing without the right to read it: the panel asks for a sign-in. */
    needsSignIn: on && !cleared,
    /** The link names a scene: it, not the whole scenario, places the camera. */
    opensScene: linkScene !== null,
    layers,
    drawing,
    presented,
    scenes: saved,
    current,
    annotations,
    pen,
    setPen,
    colour,
    setColour,
    text,
    setText,
    presenting,
    setPresenting,
    problem,
    show,
    undo: () => setAnnotations((list) => list.slice(0, -1)),
    erase: (id: string) => setAnnotations((list) => list.filter((a) => a.id !== id)),
    clear: () => setAnnotations([]),
    /** Saves the view and drawings as a new scene (or over the current one: `replace`). */
    save: async (title: string, notes: string, replace: boolean) => {
      const id = replace && current ? current.id : newSceneId();
      const r = await sendCommand('briefing:save-scene', {
        scenario: view.scenario,
        scene: { id, title, notes, view: link, annotations },
      });
      answer(r);
      if (r.ok) setCurrentId(id);
      return r.ok;
    },
    move: async (id: string, index: number) =>
      answer(await sendCommand('briefing:move-scene', { scenario: view.scenario, id, index })),
    remove: async (id: string) => {
      answer(await sendCommand('briefing:remove-scene', { scenario: view.scenario, id }));
      if (id === currentId) setCurrentId(null);
    },
  };
}
export type Briefing = ReturnType<typeof useBriefing>;
