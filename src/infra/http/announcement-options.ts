import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/Either';
import * as t from 'io-ts';
import { decodeWith } from '../../application/validation';
import { closed } from '../../domain/shared/codecs';
import { AnnouncementOptions } from '../../projections/announcement';

/** What an announcement says that no event records (see AnnouncementOptions), read from a JSON file. */
const AnnouncementOptionsFile = closed(
  t.partial({
    noVotingIntentionsStated: t.boolean,
    nonCumulativeStatedFor: t.array(t.keyof({ ORDINARY: null, SPECIAL: null })),
    legalOpinion: t.string,
    closing: t.array(t.string),
  }),
);

export function readAnnouncementOptions(path: string | undefined): AnnouncementOptions {
  if (!path) return {};
  const decoded = decodeWith(AnnouncementOptionsFile)(JSON.parse(readFileSync(path, 'utf8')));
  if (isLeft(decoded)) throw new Error(`Announcement options ${path}: ${decoded.left.message}`);
  return decoded.right;
}
