/**
 * `governance/members.yml`: everyone who writes or votes, all equal. Each key
 * must be an SSH public key we can verify signatures with (ed25519), because a
 * key that cannot verify anything would make a member unable to vote.
 *
 * A member who leaves (or is removed, by a membership vote) keeps their entry,
 * marked `left: <date>`: their published posts and ballots still name a
 * listed handle, so main still passes check, but a former member is on no
 * roster (see `currentMembers`). Deleting the entry instead would orphan
 * every post they wrote.
 */
import { z } from 'zod';
import { parseSshPublicKey } from '../ssh-key.ts';
import { handle, isoDate, plainText, worded, wordsIssue } from './common.ts';

export const sshKeyLine = z.string().superRefine((line, ctx) => {
  const parsed = parseSshPublicKey(line);
  if (!parsed.ok) ctx.addIssue(wordsIssue(parsed.fault, { value: parsed.type, other: parsed.found }));
});

export const memberSchema = z.strictObject({
  handle,
  name: plainText(100, 'a name').min(1),
  joined: isoDate,
  github: z
    .strictObject({
      login: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, worded('github-login')),
      /** GitHub's numeric user id: logins can be renamed and reused, ids cannot. */
      id: z.number().int().positive(),
    })
    .optional(),
  keys: z.array(sshKeyLine).min(1, worded('no-key')),
  /** Set when the member left or was removed: listed (their posts keep their author), eligible for nothing. */
  left: isoDate.optional(),
});

export const membersSchema = z.array(memberSchema).min(1, worded('no-member')).superRefine((members, ctx) => {
  const seen = new Map<string, number>();
  const githubIds = new Map<number, number>();
  const keyOwners = new Map<string, number>();
  members.forEach((member, index) => {
    if (member.left !== undefined && member.left < member.joined) ctx.addIssue({ ...wordsIssue('left-before-joined', { value: member.left, other: member.joined }), path: [index, 'left'] });
    const first = seen.get(member.handle);
    if (first !== undefined) {
      ctx.addIssue({ ...wordsIssue('handle-taken', { value: member.handle, index: first }), path: [index, 'handle'] });
    } else seen.set(member.handle, index);
    if (member.github) {
      const other = githubIds.get(member.github.id);
      if (other !== undefined) ctx.addIssue({ ...wordsIssue('github-id-taken', { value: String(member.github.id), index: other }), path: [index, 'github', 'id'] });
      else githubIds.set(member.github.id, index);
    }
    // One key, one member: a key listed for two handles would let its holder sign ballots as both,
    // or make another member's signed ballots count as someone else's.
    member.keys.forEach((line, k) => {
      const parsed = parseSshPublicKey(line);
      if (!parsed.ok) return;
      const blob = Buffer.from(parsed.key.blob).toString('base64');
      const owner = keyOwners.get(blob);
      if (owner !== undefined && owner !== index) {
        ctx.addIssue({ ...wordsIssue('key-taken', { value: members[owner]!.handle, index: owner }), path: [index, 'keys', k] });
      } else keyOwners.set(blob, index);
    });
  });
});

export type Member = z.output<typeof memberSchema>;

/**
 * The members who can vote, sign changes and ballots, and count for quorum:
 * every entry without `left`. Whether someone has left is read from the
 * members.yml of the roster's commit (frozen at opening), never from the
 * date, so it needs no clock.
 */
export function currentMembers<M extends { left?: string | undefined }>(members: readonly M[]): M[] {
  return members.filter((m) => m.left === undefined);
}
export type Members = z.output<typeof membersSchema>;
