import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordedEvent } from '../../src/application/event-store';
import { toDomainEvent } from '../../src/application/stored-events';
import { CURRENT_SCHEMA_VERSION } from '../../src/domain/events';
import { foldResults, resultsView } from '../../src/projections/results/view';
import { expectedMeeting, MEETING_IDS, ROOT } from '../golden/reference-scenario';

/**
 * Events as they were stored, kept as fixtures and never regenerated: every shape govrec has ever
 * written must still be read, upcast if old, and fold to the same figures. A change to an event
 * codec that would strand stored events fails here; a new schema version must add fixtures of its
 * own beside the old ones (which stay).
 */
const DIR = join(ROOT, 'test', 'fixtures', 'stored-events');
const stored = (file: string): RecordedEvent[] =>
  readFileSync(join(DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedEvent);
const files = readdirSync(DIR).filter((f) => f.endsWith('.jsonl'));

describe('stored event fixtures', () => {
  it('hold at least one event of every type at every schema version ever written', () => {
    const seen = new Set(files.flatMap(stored).map((e) => `${e.type}@${e.schemaVersion}`));
    const required = Object.entries(CURRENT_SCHEMA_VERSION).flatMap(([type, current]) =>
      Array.from({ length: current }, (_, i) => `${type}@${i + 1}`),
    );
    expect(required.filter((key) => !seen.has(key))).toEqual([]);
  });

  it.each(files)('%s: every event still decodes to the current schema', (file) => {
    for (const event of stored(file)) expect(() => toDomainEvent(event)).not.toThrow();
  });

  it('the stored reference record still folds to the published figures', () => {
    const view = resultsView(foldResults(stored('jlmag-2023-11-23.v1.jsonl').map(toDomainEvent)));
    const pick = (m: { attendingShares: number; attendingPercent: string; resolutions: object[] }) => ({
      attendingShares: m.attendingShares,
      attendingPercent: m.attendingPercent,
      figures: m.resolutions.map((r) => {
        const {
          for: f,
          against,
          abstain,
          forPct,
          againstPct,
          abstainPct,
          passed,
        } = r as Record<string, unknown>;
        return { f, against, abstain, forPct, againstPct, abstainPct, passed };
      }),
    });
    expect(view.meetings.map(pick)).toEqual(
      Object.keys(MEETING_IDS).map((id) => pick(expectedMeeting(id) as never)),
    );
  });

  it('upcasts results certified by version 1 (before records were sealed) to a certification with no seal', () => {
    const v1 = stored('jlmag-2023-11-23.v1.jsonl').filter((e) => e.type === 'ResultsCertified');
    expect(v1.length).toBe(3);
    for (const event of v1) {
      expect(event.schemaVersion).toBe(1);
      expect('seal' in (event.data as object)).toBe(false);
      expect(toDomainEvent(event).data).toEqual({ ...(event.data as object), seal: null });
    }
  });
});
