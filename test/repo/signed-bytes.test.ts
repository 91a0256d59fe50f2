/**
 * Issue 10, "A valid ballot always counts": "a ballot commit whose message is
 * in Latin-1 (i18n.commitEncoding) verifies with git verify-commit but is
 * refused as a bad signature: the commit is decoded as UTF-8 before
 * verifying. Verify the exact bytes git signed." Real commits written by git
 * with an `encoding ISO-8859-1` header, signed with real ed25519 keys, checked
 * against `git verify-commit`, beside their UTF-8 controls; the same for a
 * content commit, whose signature names the submitter.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitSigner, verifySshSignature } from '../../src/ballots/signed.ts';
import { readCommitInfo, splitSignature } from '../../src/repo/history.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { T0, hours } from '../bot/clock.ts';
import { nocloutInProcess } from '../bot/cli.ts';
import { keyFor, proposalText, trackedCommons, type Fixture } from './fixture.ts';

const commons = trackedCommons();
const LATIN1 = 'ISO-8859-1';
/** "Évidemment : oui, à l'unanimité." in Latin-1: é, à and É are single bytes that are not UTF-8. */
const MESSAGE = Buffer.from('Bulletin : \xc9videmment oui, \xe0 l\'unanimit\xe9.\n', 'latin1');

/** Commit files on a branch, signed by `signer`, with the message's bytes as given and git told their encoding. */
function commitWithEncoding(f: Fixture, branch: string, files: Record<string, string | Buffer>, signer: string, message: Buffer, encoding: string | undefined): string {
  f.git(['checkout', '-q', branch]);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(f.dir, path, '..'), { recursive: true });
    writeFileSync(join(f.dir, path), text);
    f.git(['add', '--', path]);
  }
  const file = join(f.dir, '.git', 'MESSAGE');
  writeFileSync(file, message);
  const encodingArgs = encoding ? ['-c', `i18n.commitEncoding=${encoding}`] : [];
  f.git([...encodingArgs, '-c', 'gpg.format=ssh', '-c', `user.signingkey=${keyFor(signer).path}`, 'commit', '-q', '-S', '-F', file]);
  const oid = f.rev('HEAD');
  f.git(['checkout', '-q', 'main']);
  return oid;
}

async function review(f: Fixture, head: string, at: string) {
  const run = await nocloutInProcess(['review', head, '--repo', f.dir, '--at', at, '--format', 'json']);
  expect(run.json, run.stderr).toBeDefined();
  return run.json;
}

describe('signatures are verified over the exact bytes git signed', () => {
  it.each([
    ['a ballot commit whose message is in Latin-1 (an encoding header) counts, as git verify-commit agrees', LATIN1, MESSAGE],
    ['control: the same ballot with its message in UTF-8 counts', undefined, Buffer.from(MESSAGE.toString('latin1'), 'utf8')],
  ])('%s', async (_name, encoding, message) => {
    const f = commons({ members: ['amina', 'bruno', 'chloe'] });
    f.commit({ 'content/proposals/accents.md': proposalText({ author: 'amina' }), 'governance/rules/accents.md': '---\ntitle: "Accents"\n---\n\nÉcrire.\n' }, { branch: 'proposal/accents', signer: 'amina' });
    await review(f, 'proposal/accents', T0);
    const oid = commitWithEncoding(f, 'proposal/accents', { 'governance/ballots/accents/bruno.yml': 'vote: yes\n' }, 'bruno', message, encoding);
    const raw = f.git(['cat-file', 'commit', oid]);
    if (encoding) expect(raw).toContain(`\nencoding ${encoding}\n`);
    expect(() => f.git(['-c', `gpg.ssh.allowedSignersFile=${allowedFor(f, 'bruno')}`, 'verify-commit', oid])).not.toThrow();
    const j = await review(f, 'proposal/accents', hours(1));
    expect(j.problems).toEqual([]);
    expect(j.ballots).toEqual([expect.objectContaining({ voter: 'bruno', vote: 'yes', counted: true })]);
  });

  it.each([
    ['a content commit whose message is in Latin-1 is attributed to the member who signed it', LATIN1, MESSAGE],
    ['control: the same content commit in UTF-8 is attributed to its signer', undefined, Buffer.from(MESSAGE.toString('latin1'), 'utf8')],
  ])('%s', async (_name, encoding, message) => {
    const f = commons({ members: ['amina', 'bruno', 'chloe'] });
    f.git(['branch', 'proposal/accents', 'main']);
    commitWithEncoding(f, 'proposal/accents', { 'content/proposals/accents.md': proposalText({ author: 'amina' }), 'governance/rules/accents.md': '---\ntitle: "Accents"\n---\n\nÉcrire.\n' }, 'amina', message, encoding);
    const j = await review(f, 'proposal/accents', T0);
    expect(j.problems).toEqual([]);
    expect(j.decision).toBe('pending');
  });

  it('a ballot file that is not UTF-8 does not count and its words are not shown garbled; control: the same words in UTF-8 count', async () => {
    const f = commons({ members: ['amina', 'bruno', 'chloe'] });
    f.commit({ 'content/proposals/accents.md': proposalText({ author: 'amina' }), 'governance/rules/accents.md': '---\ntitle: "Accents"\n---\n\nÉcrire.\n' }, { branch: 'proposal/accents', signer: 'amina' });
    await review(f, 'proposal/accents', T0);
    const words = 'vote: yes\nreason: "Évidemment, à l\'unanimité."\n';
    commitWithEncoding(f, 'proposal/accents', { 'governance/ballots/accents/bruno.yml': Buffer.from(words, 'latin1') }, 'bruno', Buffer.from('Ballot\n'), undefined);
    commitWithEncoding(f, 'proposal/accents', { 'governance/ballots/accents/chloe.yml': words }, 'chloe', Buffer.from('Ballot\n'), undefined);
    const j = await review(f, 'proposal/accents', hours(1));
    const bruno = j.ballots.find((b: any) => b.voter === 'bruno');
    expect(bruno).toMatchObject({ counted: false, reason: expect.stringContaining('not UTF-8') });
    expect(JSON.stringify(j)).not.toContain('\uFFFD');
    expect(j.ballots.find((b: any) => b.voter === 'chloe')).toMatchObject({ counted: true, comment: "Évidemment, à l'unanimité." });
  });

  it('the payload is the object without its signature headers, byte for byte: Latin-1 kept, gpgsig and gpgsig-sha256 removed', async () => {
    const f = commons({ members: ['amina'] });
    const oid = commitWithEncoding(f, 'main', { 'notes.txt': 'x\n' }, 'amina', MESSAGE, LATIN1);
    const info = await readCommitInfo(openRepository(f.dir), oid);
    // Bytes, not text: the commit is not UTF-8.
    const raw = execFileSync('git', ['-C', f.dir, 'cat-file', 'commit', oid]);
    expect(Buffer.from(info.payload).includes(MESSAGE)).toBe(true);
    expect(Buffer.from(info.payload).includes(Buffer.from('gpgsig'))).toBe(false);
    expect(commitSigner(info.payload, info.signature, [{ handle: 'amina', name: 'Amina', joined: '2026-01-01', keys: [keyFor('amina').publicLine] }])).toEqual({ ok: true, handle: 'amina' });
    // Why it failed before: decoded as UTF-8, each Latin-1 byte became U+FFFD, and the hash no longer matched.
    expect(verifySshSignature(new TextDecoder().decode(info.payload), info.signature!).ok).toBe(false);
    // A second signature header for the other hash (git's gpgsig-sha256) is not part of what either signature covers.
    const header = raw.indexOf('\n\n');
    const doubled = Buffer.concat([raw.subarray(0, header), Buffer.from('\ngpgsig-sha256 -----BEGIN SSH SIGNATURE-----\n AAAA\n -----END SSH SIGNATURE-----'), raw.subarray(header)]);
    expect(Buffer.from(splitSignature(doubled).payload).equals(Buffer.from(info.payload))).toBe(true);
  });
});

function allowedFor(f: Fixture, signer: string): string {
  const allowed = join(f.dir, '.git', `allowed_signers_${signer}`);
  writeFileSync(allowed, `${signer}@test ${keyFor(signer).publicLine}\n`);
  return allowed;
}
