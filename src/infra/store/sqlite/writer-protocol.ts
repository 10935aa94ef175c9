import { ExpectedRevision } from '../../../application/event-store';
import { OpenOptions } from './schema';
import { EventRows } from './sqlite-appends';

/** What the writer thread is started with. */
export interface WriterSettings extends OpenOptions {
  readonly path: string;
  readonly busyRetries: number;
}

/** An append as it is posted to the writer thread (RequestThread numbers it). */
export interface WriterRequest {
  readonly kind: 'append';
  readonly streamName: string;
  readonly rows: EventRows;
  readonly expected: ExpectedRevision;
}
