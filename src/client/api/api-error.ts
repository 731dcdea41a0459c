/** An error from the gateway, carrying the reason it gave (OGC exception `description`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
