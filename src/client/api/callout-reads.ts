import { CalloutSetup } from '../../shared/protocol/index.ts';
import { readJson } from './read-api.ts';

/** How 叫应 is set up on this gateway (whether calls really go out, how long people have). */
export function fetchCalloutSetup(signal?: AbortSignal) {
  return readJson('/api/callouts/setup', CalloutSetup, { signal });
}
