/**
 * The relay's idle sleep, which a commit of new outbox rows cuts short (`wakeUp`): polling stays slow while the
 * table is quiet, and a new event goes out at once.
 */
export interface Waker {
  wake?: () => void;
  /** A wake-up that came while no sleep was in progress: the next sleep returns at once. */
  pending: boolean;
}

export function sleep(ms: number, signal: Waker): Promise<void> {
  if (signal.pending) {
    signal.pending = false;
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.wake = undefined;
      resolve();
    }
    signal.wake = done;
  });
}

export function wakeUp(signal: Waker): void {
  if (signal.wake) signal.wake();
  else signal.pending = true;
}
