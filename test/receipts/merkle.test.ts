import fc from 'fast-check';
import {
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  merkleLevels,
  merkleRoot,
  nodeHash,
  rootFromProof,
} from '../../src/application/merkle';

const leaves = fc.array(fc.string(), { minLength: 1, maxLength: 70 }).map((xs) => xs.map(leafHash));

describe('The Merkle tree of the seal', () => {
  it('every leaf, and only it, leads by its proof to the root', () => {
    fc.assert(
      fc.property(leaves, fc.nat(), (ls, n) => {
        const levels = merkleLevels(ls);
        const root = merkleRoot(ls);
        const i = n % ls.length;
        const proof = inclusionProof(levels, i);
        expect(rootFromProof(ls[i], proof)).toBe(root);
        // At most one sibling per level: the path, nothing more of the tree.
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(ls.length)));
        expect(rootFromProof(leafHash('not a leaf of the tree'), proof)).not.toBe(root);
      }),
    );
  });

  it('two lists of leaves that differ have different roots, whether changed, cut or extended', () => {
    fc.assert(
      fc.property(leaves, fc.nat(), (ls, n) => {
        const i = n % ls.length;
        const changed = ls.map((l, j) => (j === i ? leafHash(`changed ${l}`) : l));
        expect(merkleRoot(changed)).not.toBe(merkleRoot(ls));
        expect(merkleRoot(ls.slice(0, -1))).not.toBe(merkleRoot(ls));
        // An unpaired last node is carried up, never paired with itself.
        expect(merkleRoot([...ls, ls[ls.length - 1]])).not.toBe(merkleRoot(ls));
      }),
    );
  });

  it('hashes leaves and nodes apart: a node is never taken for a leaf', () => {
    const [a, b] = [leafHash('a'), leafHash('b')];
    expect(merkleRoot([a, b])).toBe(nodeHash(a, b));
    expect(leafHash(Buffer.from(a + b, 'hex').toString('latin1'))).not.toBe(nodeHash(a, b));
    expect(merkleRoot([])).toBe(EMPTY_ROOT);
    expect(EMPTY_ROOT).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
