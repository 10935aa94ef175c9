/** Every field a CastVote's payload may carry: what the vote tests vary, drop and reorder. */
export const VOTE_FIELDS: string[] = [
  'resolutionId',
  'meetingId',
  'holderId',
  'for',
  'against',
  'abstain',
  'shareClass',
  'brokerNonVote',
];
