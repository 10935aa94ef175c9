import { toDomainEvent, CorruptEvent } from '../../src/application/stored-events';
import { upcast, UnknownSchemaVersion } from '../../src/application/upcasters';
import { RecordedEvent } from '../../src/application/event-store';

const recorded = (type: string, schemaVersion: number, data: unknown): RecordedEvent => ({
  eventId: '00000000-0000-5000-8000-000000000000',
  type,
  schemaVersion,
  data,
  metadata: {
    eventId: 'e',
    commandId: 'c',
    actor: 'a',
    causationId: 'c',
    correlationId: 'c',
    occurredAt: '2023-11-23T14:00:00Z',
  },
  streamName: 'meeting-m1',
  revision: 3,
  position: 10,
});

describe('reading stored events', () => {
  it('passes an event of the current schema version through its codec unchanged', () => {
    const data = { meetingId: 'm1', at: '2023-11-23T14:10:00+08:00' };
    expect(toDomainEvent(recorded('PollOpened', 1, data))).toEqual({ type: 'PollOpened', data });
  });

  it('lifts an old version step by step through the upcasters, in order', () => {
    // A made-up history of one event type at version 3: v1 named the field "opened", v2 "openedAt".
    const steps = {
      'PollOpened@1': (d: unknown) => ({
        meetingId: (d as { m: string }).m,
        openedAt: (d as { opened: string }).opened,
      }),
      'PollOpened@2': (d: unknown) => ({
        meetingId: (d as { meetingId: string }).meetingId,
        at: (d as { openedAt: string }).openedAt,
      }),
    };
    const current = { PollOpened: 3 };
    expect(upcast('PollOpened', 1, { m: 'm1', opened: 'T' }, steps, current)).toEqual({
      meetingId: 'm1',
      at: 'T',
    });
    expect(upcast('PollOpened', 2, { meetingId: 'm1', openedAt: 'T' }, steps, current)).toEqual({
      meetingId: 'm1',
      at: 'T',
    });
    expect(() => upcast('PollOpened', 1, {}, { 'PollOpened@1': steps['PollOpened@1'] }, current)).toThrow(
      UnknownSchemaVersion,
    );
  });

  it('refuses a version it has no upcaster for, or one newer than it knows', () => {
    expect(() => upcast('PollOpened', 0, {})).toThrow(UnknownSchemaVersion);
    expect(() => upcast('PollOpened', 2, {})).toThrow(UnknownSchemaVersion);
    expect(() => upcast('NoSuchEvent', 1, {})).toThrow(UnknownSchemaVersion);
  });

  it('reports a stored event that no longer decodes, by stream and revision', () => {
    const bad = recorded('VoteCast', 1, {
      resolutionId: 'r1',
      meetingId: 'm1',
      holderId: 'h1',
      shares: { for: -5 },
    });
    expect(() => toDomainEvent(bad)).toThrow(CorruptEvent);
    expect(() => toDomainEvent(bad)).toThrow(/meeting-m1@3/);
  });
});
