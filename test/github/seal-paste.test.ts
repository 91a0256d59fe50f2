/**
 * What the sealing page gives a member to paste is what the bot reads (issue 13): the comment
 * (a code fence around the sealed text) gives back exactly the sealed text, also once GitHub's
 * web editor has turned its line ends into CRLF; the ballot file holds it under its one key; the
 * plaintext is the one the core opens and checks (voter, change, vote, reason).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sealedBlocks } from '../../src/ballots/github.ts';
import { QUICKNET, seal } from '../../src/ballots/sealed.ts';
import { sealedPlaintextSchema } from '../../src/commons/schema/ballot.ts';
import { readSealed } from '../../src/commons/sealed-text.ts';
import { ballotPlaintext, sealedBallotFile, sealedComment, sealedVoteCommand } from '../../src/site/seal/seal-ballot.ts';

describe('the sealing page\'s output', () => {
  it('the comment to paste reads back, as GitHub stores it, to exactly the sealed text', async () => {
    const armored = await seal(ballotPlaintext('quiet-hours', { voter: 'sofia', vote: 'no' }), 41_000_000, QUICKNET);
    const comment = sealedComment(armored);
    expect(comment.startsWith('```\n-----BEGIN AGE ENCRYPTED FILE-----\n')).toBe(true);
    expect(sealedBlocks(comment)).toEqual([armored]);
    expect(sealedBlocks(comment.replace(/\n/g, '\r\n'))).toEqual([armored]);
    expect(readSealed(sealedBlocks(comment)[0]!)).toEqual({ ok: true, header: { round: 41_000_000, chainHash: QUICKNET.chainHash } });
  });

  it('the ballot file holds the sealed text under its one key, `sealed`', async () => {
    const armored = await seal(ballotPlaintext('quiet-hours', { voter: 'sofia', vote: 'yes' }), 41_000_000, QUICKNET);
    expect(parse(sealedBallotFile(armored))).toEqual({ sealed: armored });
  });

  it('the plaintext is what the core opens: voter, change, vote, and a reason only when one is given', () => {
    expect(sealedPlaintextSchema.parse(parse(ballotPlaintext('quiet-hours', { voter: 'sofia', vote: 'abstain', reason: '  Not my field: "nights" are fine.  ' })))).toEqual({ voter: 'sofia', change: 'quiet-hours', vote: 'abstain', reason: 'Not my field: "nights" are fine.' });
    expect(parse(ballotPlaintext('quiet-hours', { voter: 'sofia', vote: 'yes', reason: '   ' }))).toEqual({ voter: 'sofia', change: 'quiet-hours', vote: 'yes' });
    expect(sealedVoteCommand('quiet-hours', 'no')).toBe('noclout vote quiet-hours no --sealed');
  });
});
