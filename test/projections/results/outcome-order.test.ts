import { foldResults, resultsView } from '../../../src/projections/results/view';
import { EGM, resolutionProposed, ruleSet } from '../../domain/factories';

describe('the overall outcomes', () => {
  it('are listed in natural order: r1, r2, r10 (not r1, r10, r2 as text sorts them)', () => {
    const rule = ruleSet('PRC-HKEX-H').majorities.ORDINARY;
    const proposed = ['r10', 'r2', 'r1'].map((id, i) =>
      resolutionProposed(id, [{ meetingId: EGM.meetingId, number: i + 1, majorityRule: rule }]),
    );
    expect(resultsView(foldResults(proposed)).outcomes.map((o) => o.resolutionId)).toEqual([
      'r1',
      'r2',
      'r10',
    ]);
  });
});
