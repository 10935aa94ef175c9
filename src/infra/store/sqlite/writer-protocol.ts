import { ExpectedRevision } from '../../../application/event-store';
import { OpenOptions } from './schema';
import { AppendReply, EventRows } from './sqlite-appends';
import { ThreadFailure } from './worker-thread';

/** What the writer thread is started with. */
export interface WriterSettings extends OpenOptions {
  readonly path: string;
  readonly busyRetries: number;
}

export type WriterRequest =
  | {
      readonly kind: 'append';
      readonly id: number;
      readonly streamName: string;
      readonly rows: EventRows;
      readonly expected: ExpectedRevision;
    }
  | { readonly kind: 'close' };

export type WriterResponse =
  | { readonly kind: 'reply'; readonly id: number; readonly reply: AppendReply }
  | { readonly kind: 'failed'; readonly id: number; readonly failure: ThreadFailure }
  | { readonly kind: 'closed' };
