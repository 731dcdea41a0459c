/** A request the gateway refuses, with the reason it gives (OGC exception `code`/`description`). */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly code = 'InvalidParameterValue',
  ) {
    super(message);
  }
}
export class NotFound extends Error {}
/** A caller without a valid key or token (401). */
export class Unauthorized extends Error {}
/** A caller who is known but may not do this (403). */
export class Forbidden extends Error {}
/** It was here and is no more (410): an answer link whose call has ended. */
export class Gone extends Error {}
/** Not now: something else holds what this needs (409). */
export class Conflict extends Error {}
