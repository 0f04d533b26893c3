/** The engine's view of a cancellation token (the LSP one fits it). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: Cancellation = { isCancellationRequested: false };

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export function throwIfCancelled(token: Cancellation | undefined): void {
  if (token?.isCancellationRequested) throw new CancelledError();
}
