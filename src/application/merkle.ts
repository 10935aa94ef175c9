import { createHash } from 'node:crypto';

/**
 * A binary Merkle tree of SHA-256 hashes, with leaves and inner nodes hashed apart (a 0x00 byte
 * before a leaf's content, 0x01 before the two children of a node), so that no leaf can be passed
 * off as a node or a node as a leaf. The tree is built level by level from the leaves in their
 * order: neighbours are paired, and a last node left without a partner is carried up unchanged
 * (never paired with itself, so no two lists of leaves share a root). An empty tree's root is
 * SHA-256 of nothing.
 */

/** One step of an inclusion proof: the sibling's hash, and on which side of the path it stands. */
export interface Sibling {
  readonly side: 'left' | 'right';
  readonly hash: string;
}

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const EMPTY_ROOT = createHash('sha256').digest('hex');

/** The hash of a leaf with this content. */
export const leafHash = (content: string): string =>
  createHash('sha256').update(LEAF).update(content, 'utf8').digest('hex');

/** The hash of a node over two children, given as hex. */
export const nodeHash = (left: string, right: string): string =>
  createHash('sha256')
    .update(NODE)
    .update(Buffer.from(left, 'hex'))
    .update(Buffer.from(right, 'hex'))
    .digest('hex');

/** Every level of the tree, leaves first, root last (a single hash). */
export function merkleLevels(leaves: readonly string[]): string[][] {
  if (leaves.length === 0) return [[EMPTY_ROOT]];
  const levels: string[][] = [[...leaves]];
  while (levels[levels.length - 1].length > 1) {
    const below = levels[levels.length - 1];
    const above: string[] = [];
    for (let i = 0; i < below.length; i += 2)
      above.push(i + 1 < below.length ? nodeHash(below[i], below[i + 1]) : below[i]);
    levels.push(above);
  }
  return levels;
}

export const merkleRoot = (leaves: readonly string[]): string => {
  const levels = merkleLevels(leaves);
  return levels[levels.length - 1][0];
};

/** The siblings on the path from leaf `index` up to the root: nothing else of the tree. */
export function inclusionProof(levels: readonly (readonly string[])[], index: number): Sibling[] {
  const proof: Sibling[] = [];
  let at = index;
  for (const level of levels.slice(0, -1)) {
    const partner = at % 2 === 0 ? at + 1 : at - 1;
    if (partner < level.length) proof.push({ side: at % 2 === 0 ? 'right' : 'left', hash: level[partner] });
    at = Math.floor(at / 2);
  }
  return proof;
}

/** The root a leaf hash and its proof lead to. */
export const rootFromProof = (leaf: string, proof: readonly Sibling[]): string =>
  proof.reduce((hash, s) => (s.side === 'left' ? nodeHash(s.hash, hash) : nodeHash(hash, s.hash)), leaf);
