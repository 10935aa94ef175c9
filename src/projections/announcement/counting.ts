import { MeetingInAnnouncement } from './context';

/**
 * What the sentences that speak of "the resolutions" as a whole need to know: how many items were
 * put (a resolution put to two meetings is one resolution; an election by cumulative voting is one
 * more), and whether every resolution passed. Both languages word their sentences from these.
 */

/** The distinct items put to the meetings: each resolution once, however many meetings voted on it. */
export const itemsPut = (meetings: readonly MeetingInAnnouncement[]): number =>
  new Set(
    meetings.flatMap(({ view }) => [
      ...view.resolutions.map((r) => `r:${r.resolutionId}`),
      ...(view.elections ?? []).map((e) => `e:${e.electionId}`),
    ]),
  ).size;

/** True when the meetings put a single resolution: "the resolution … was", not "all the resolutions … were". */
export const oneItem = (meetings: readonly MeetingInAnnouncement[]): boolean => itemsPut(meetings) === 1;

/**
 * True when every resolution put was passed. Issuers are "pleased to announce" results whose
 * resolutions were duly passed; when one was voted down (or its voting is still open) the Board
 * announces the results without the courtesy, which would read as welcoming the defeat.
 */
export const everyResolutionPassed = (meetings: readonly MeetingInAnnouncement[]): boolean =>
  meetings.every(({ view }) => view.resolutions.every((r) => r.passed === true));
