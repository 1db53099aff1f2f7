// The one source of "now". Domain functions take a Clock so tests can move time instead of waiting.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface TestClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string = "2026-04-01T00:00:00Z"): TestClock {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    set: (d) => void (at = new Date(d).getTime()),
    advance: (ms) => void (at += ms),
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
