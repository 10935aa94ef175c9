/**
 * What each codec asks for, in the words of a registrar or company secretary: a refusal says "must be
 * a whole number of shares", not "must be ShareCount". The codec's name stays the rule's
 * (`Invalid:ShareCount`), which programs match on; the phrase is for the person reading.
 */
export const CODEC_PHRASES: Readonly<Record<string, string>> = {
  ShareCount: 'a whole number of shares or votes (a non-negative integer)',
  PositiveInt: 'a whole number of at least 1',
  NonEmptyString: 'text that is not blank (at most 2,000 characters)',
  Name: 'a name: text that is not blank, without control characters (at most 2,000 characters)',
  Id: 'an identifier: up to 128 letters, digits and - _ . :, the first a letter or digit',
  IsoDate: 'a calendar date written YYYY-MM-DD',
  IsoDateTime: 'a date and time with its offset, e.g. 2023-11-23T14:30:00+08:00',
  ShareClassCode: 'a share class code: 1 to 16 letters or digits',
  CandidateNumber: "a candidate's number under the election's, e.g. 7.01",
  Sha256Hex: 'a SHA-256 hash: 64 lowercase hexadecimal digits',
  Fingerprints: 'fingerprints: groups of 16 lowercase hexadecimal digits',
  ResolutionLabel:
    "a resolution's label as the notice prints it, e.g. 2(a): 1 to 32 characters, no control characters, no leading or trailing space",
  ShareClasses: 'a list of 1 to 16 share classes',
  Scrutineers: 'a list of 1 to 20 scrutineers',
  Directors: 'a list of 1 to 100 directors',
  Proposers: 'a list of 1 to 200 proposing holders',
  EntitlementBatch: 'a list of holders and their shares (at least one)',
  Candidates: 'a list of candidates (at least one)',
  BallotVotes: "a list of the ballot's votes for candidates",
  ResolutionMeetings: 'a list of 1 to 8 meetings, each with its number for the resolution',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
  UnknownRecord: 'an object',
  UnknownArray: 'a list',
};

const unwrapped = (name: string): string => {
  const inner = /^(?:Readonly<(.*)>|\((.*)\))$/.exec(name);
  return inner ? unwrapped(inner[1] ?? inner[2]) : name;
};

/**
 * The phrase for a codec: from CODEC_PHRASES by name, else read from io-ts's name for it (a choice
 * of words `"A" | "B"`, a list `Array<…>`, an object `{ … }`), else the name itself.
 */
export function phraseFor(codecName: string): string {
  const named = CODEC_PHRASES[codecName];
  if (named !== undefined) return named;
  const name = unwrapped(codecName);
  if (/^"[^"]*"(?: \| "[^"]*")+$/.test(name)) {
    const words = name.split(' | ').map((c) => c.slice(1, -1));
    return `one of ${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  }
  if (/^(?:Readonly)?Array<.*>$/.test(name)) return 'a list';
  if (name.startsWith('{') || /^\(?\{.*\}\)? & /.test(name)) return 'an object';
  return codecName;
}
