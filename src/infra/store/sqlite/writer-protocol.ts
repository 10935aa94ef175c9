import { ExpectedRevision } from '../../../application/event-store';
import { OpenOptions } from './schema';
import { AppendReply, EventRows } from './sqlite-appends';

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

/** A failure as it crosses threads: an Error's class does not, its name, message and code do. */
export interface WriterFailure {
  readonly name: string;
  readonly message: string;
  readonly code: string | undefined;
}

export type WriterResponse =
  | { readonly kind: 'reply'; readonly id: number; readonly reply: AppendReply }
  | { readonly kind: 'failed'; readonly id: number; readonly failure: WriterFailure }
  | { readonly kind: 'closed' };
