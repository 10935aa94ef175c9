import { DomainError, Verdict } from '../../index';
import { refuse } from './refusal';

/** Audit entries on one page at most: a larger `limit` is refused, not clamped, so a client knows. */
export const MAX_AUDIT_LIMIT = 1000;

/** Heavy work done, or refused because too much is in progress. */
export type Ran<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

/**
 * Work that reads or hashes much of the record (verify, audit pages and exports) runs a few at a
 * time; a few more wait their turn; beyond that a request is refused at once (503 ServerBusy)
 * instead of queueing without end, so a burst of heavy requests cannot take every other answer's
 * memory and time.
 */
export class HeavyWork {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency = 2,
    private readonly queue = 16,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<Ran<T>> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue)
        return {
          ok: false,
          error: refuse('ServerBusy', '(request)', 'Too many heavy requests in progress; try again shortly'),
        };
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return { ok: true, value: await work() };
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** How long a verdict is served from the cache while nothing has been appended. */
export const VERDICT_TTL_MS = 30_000;

/**
 * Verdicts cached by meeting and by the position the record stood at: asked again with nothing
 * appended, the answer is the one just computed. An edit in place moves no position, so a verdict
 * is also never older than VERDICT_TTL_MS. Requests for a meeting already being checked share the
 * one check.
 */
export class VerdictCache {
  private readonly verdicts = new Map<string, { position: number; at: number; verdict: Verdict }>();
  private readonly inFlight = new Map<string, Promise<Verdict>>();

  constructor(private readonly clock: () => number = Date.now) {}

  async of(meetingId: string, position: number, check: () => Promise<Verdict>): Promise<Verdict> {
    const cached = this.verdicts.get(meetingId);
    if (cached && cached.position === position && this.clock() - cached.at < VERDICT_TTL_MS)
      return cached.verdict;
    const key = `${meetingId}@${position}`;
    let running = this.inFlight.get(key);
    if (!running) {
      running = check().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, running);
    }
    const verdict = await running;
    this.verdicts.set(meetingId, { position, at: this.clock(), verdict });
    return verdict;
  }
}

/** Live-update connections at most, in all and from one address. */
export const MAX_STREAMS = 100;
export const MAX_STREAMS_PER_ADDRESS = 10;

/** Counts open `/api/stream` connections, so that they cannot be opened until the server runs out. */
export class StreamSlots {
  private total = 0;
  private readonly byAddress = new Map<string, number>();

  constructor(
    private readonly max = MAX_STREAMS,
    private readonly perAddress = MAX_STREAMS_PER_ADDRESS,
  ) {}

  /** A slot, released by the function returned; or the refusal when none is free. */
  take(address: string): (() => void) | DomainError {
    const mine = this.byAddress.get(address) ?? 0;
    if (this.total >= this.max || mine >= this.perAddress)
      return refuse('TooManyStreams', '(request)', 'Too many live-update connections are open');
    this.total++;
    this.byAddress.set(address, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.byAddress.get(address) ?? 1) - 1;
      if (left > 0) this.byAddress.set(address, left);
      else this.byAddress.delete(address);
    };
  }
}

/** Security-log rows a minute at most, from one source (a key's actor, else an address) and in all. */
export const LOG_ROWS_PER_SOURCE = 60;
export const LOG_ROWS_PER_MINUTE = 600;

/**
 * The security log is written per refused request, so an anonymous flood would grow it without
 * end. Each minute it takes a bounded number of rows, from one source and in all; the first
 * refusal over a bound is logged as `SecurityLogRateLimited`, so an auditor sees that rows were
 * dropped and from where, and the rest of that minute's are dropped, not written.
 */
export class SecurityLogLimiter {
  private window = -1;
  private total = 0;
  private readonly bySource = new Map<string, number>();

  constructor(
    private readonly perSource = LOG_ROWS_PER_SOURCE,
    private readonly perMinute = LOG_ROWS_PER_MINUTE,
  ) {}

  /** Whether to write this refusal (`record`), a note that refusals are being dropped (`note`), or nothing. */
  admit(source: string, nowMs: number): 'record' | 'note' | 'drop' {
    const window = Math.floor(nowMs / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.total = 0;
      this.bySource.clear();
    }
    const mine = (this.bySource.get(source) ?? 0) + 1;
    this.bySource.set(source, mine);
    this.total++;
    if (mine <= this.perSource && this.total <= this.perMinute) return 'record';
    return mine === this.perSource + 1 || this.total === this.perMinute + 1 ? 'note' : 'drop';
  }
}
