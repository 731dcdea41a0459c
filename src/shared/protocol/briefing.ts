import { z } from 'zod';
import { DateTime, EntityId, LonLat } from './common.ts';

/** The pens a presenter draws with: the warning colours users read at a glance, plus white. */
export const AnnotationColour = z.enum(['red', 'orange', 'yellow', 'blue', 'white'], {
  error: 'colour must be red, orange, yellow, blue or white',
});
export type AnnotationColour = z.infer<typeof AnnotationColour>;

/**
 * A drawn line keeps at most this many positions (freehand strokes are simplified before they
 * are saved): a scene with its drawings has to fit a socket message (64 KiB).
 */
export const MAX_ANNOTATION_POINTS = 300;
/** All drawings of one scene together. */
export const MAX_SCENE_POINTS = 1_500;

const path = z
  .array(LonLat)
  .min(2, { error: 'a line needs at least 2 positions' })
  .max(MAX_ANNOTATION_POINTS, { error: `a line of at most ${MAX_ANNOTATION_POINTS} positions` });
const base = { id: EntityId, colour: AnnotationColour };

/** A presenter's drawing over the map, in WGS-84 like every position in the protocol. */
export const Annotation = z.discriminatedUnion(
  'kind',
  [
    /** A route or a movement: the head is at the last position. */
    z.object({ ...base, kind: z.literal('arrow'), path }),
    z.object({ ...base, kind: z.literal('freehand'), path }),
    z.object({
      ...base,
      kind: z.literal('polygon'),
      ring: z
        .array(LonLat)
        .min(3, { error: 'a polygon needs at least 3 corners' })
        .max(MAX_ANNOTATION_POINTS, {
          error: `a polygon of at most ${MAX_ANNOTATION_POINTS} corners`,
        }),
    }),
    z.object({
      ...base,
      kind: z.literal('circle'),
      centre: LonLat,
      radiusM: z
        .number()
        .positive({ error: 'a circle’s radius must be positive' })
        .max(200_000, { error: 'a circle’s radius of at most 200 km' }),
    }),
    z.object({
      ...base,
      kind: z.literal('text'),
      at: LonLat,
      text: z
        .string()
        .trim()
        .min(1, { error: 'a text note needs some text' })
        .max(100, { error: 'a text note of at most 100 characters' }),
    }),
  ],
  { error: 'kind must be arrow, freehand, polygon, circle or text' },
);
export type Annotation = z.infer<typeof Annotation>;
export type AnnotationKind = Annotation['kind'];

/** How many positions a drawing stores (what the scene's size limit counts). */
export function annotationPoints(a: Annotation): number {
  switch (a.kind) {
    case 'arrow':
    case 'freehand':
      return a.path.length;
    case 'polygon':
      return a.ring.length;
    case 'circle':
    case 'text':
      return 1;
  }
}

export const Annotations = z
  .array(Annotation)
  .max(100, { error: 'at most 100 drawings in a scene' })
  .refine((list) => list.reduce((n, a) => n + annotationPoints(a), 0) <= MAX_SCENE_POINTS, {
    error: `a scene's drawings of at most ${MAX_SCENE_POINTS} positions in all`,
  });

const viewLink = z.string().max(4000, { error: 'a view link of at most 4,000 characters' });

/**
 * A saved briefing scene: the console's link (camera, layers, filters, selection) with a title,
 * talking points and the drawings made over it. Kept on the gateway, so any console (and the
 * next shift) can present it.
 */
export const BriefingScene = z.object({
  id: EntityId,
  title: z.string().trim().max(200),
  notes: z.string().trim().max(4000),
  view: viewLink,
  annotations: Annotations,
  by: z.string(),
  at: DateTime,
});
export type BriefingScene = z.infer<typeof BriefingScene>;

/**
 * What a presenter shows the people following a briefing (`briefing:view` events): the
 * console's link (the view as a query string: camera, layers, filters, selection...) with the
 * scene's title, notes and the drawings on the map now. Followers decode the link with the same
 * codec, part by part.
 */
export const BriefingView = z.object({
  view: viewLink,
  title: z.string().max(200),
  notes: z.string().max(4000),
  annotations: Annotations.default([]),
  by: z.string(),
  at: DateTime,
});
export type BriefingView = z.infer<typeof BriefingView>;
