export * from './live-targets.ts';
export * from './live-reducer.ts';
export * from './feed-sequencer.ts';
export * from '../people/roll.ts';
