import { DomainEvent } from '../../domain/events';

/** The overall outcome of each resolution: passed only when every meeting that must pass it did. */
export interface ResolutionOutcome {
  readonly resolutionId: string;
  readonly title: string;
  readonly kind: 'ORDINARY' | 'SPECIAL';
  /** meetingId → passed there (undefined while voting is open). */
  readonly byMeeting: Map<string, boolean | undefined>;
  passed?: boolean;
}

export type Outcomes = Map<string, ResolutionOutcome>;

export const initialOutcomes = (): Outcomes => new Map();

export function applyToOutcomes(model: Outcomes, event: DomainEvent): Outcomes {
  switch (event.type) {
    case 'ResolutionProposed': {
      const { resolutionId, title, kind, meetings } = event.data;
      model.set(resolutionId, {
        resolutionId,
        title,
        kind,
        byMeeting: new Map(meetings.map((m) => [m.meetingId, undefined])),
      });
      return model;
    }
    case 'ResolutionPassed':
    case 'ResolutionFailed':
      model
        .get(event.data.resolutionId)
        ?.byMeeting.set(event.data.meetingId, event.type === 'ResolutionPassed');
      return model;
    case 'ResolutionOutcomeDetermined': {
      const r = model.get(event.data.resolutionId);
      if (r) r.passed = event.data.passed;
      return model;
    }
    default:
      return model;
  }
}
