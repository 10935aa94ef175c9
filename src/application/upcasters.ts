import { CURRENT_SCHEMA_VERSION, DomainEventType } from '../domain/events';

/**
 * Small pure functions that lift a stored event's data from one schema version to the next. Old
 * events are upcast on every read and never rewritten. Key: `${type}@${fromVersion}`.
 */
export type Upcaster = (data: unknown) => unknown;

export const UPCASTERS: Readonly<Record<string, Upcaster>> = {
  /** Version 1 certified results without sealing the record: they carry no seal. */
  'ResultsCertified@1': (data) => ({ ...(data as object), seal: null }),
};

export class UnknownSchemaVersion extends Error {
  constructor(
    readonly type: string,
    readonly version: number,
  ) {
    super(`No upcaster takes ${type} from schema version ${version}`);
    this.name = 'UnknownSchemaVersion';
  }
}

export function upcast(
  type: string,
  version: number,
  data: unknown,
  upcasters = UPCASTERS,
  currentVersions: Readonly<Record<string, number>> = CURRENT_SCHEMA_VERSION,
): unknown {
  const current = currentVersions[type as DomainEventType];
  let v = version;
  let d = data;
  while (current !== undefined && v < current) {
    const step = upcasters[`${type}@${v}`];
    if (!step) throw new UnknownSchemaVersion(type, v);
    d = step(d);
    v += 1;
  }
  if (current === undefined || v !== current) throw new UnknownSchemaVersion(type, version);
  return d;
}
