/** `entryStands`: the one rule for whether a ledger entry stands, shared by the bot and the site. */
import { describe, expect, it } from 'vitest';
import { entryStands, type Opening } from '../../src/commons/opening.ts';

const oid = (c: string) => c.repeat(40);
const entry: Opening = { change: 'x', head: 'prop/x', opened: '2026-11-02T10:00:00.000Z', firstHead: oid('a'), policyCommit: oid('b'), rosterCommit: oid('b'), seen: { [oid('a')]: '2026-11-02T10:00:00.000Z' } };

describe('entryStands', () => {
  it('an entry the bot wrote since only valid changes open (valid: true) stands', () => {
    expect(entryStands({ ...entry, valid: true }, {})).toEqual({ stands: true });
  });

  it('an older entry stands only when its first head, judged again, was valid', () => {
    expect(entryStands(entry, { firstLook: 'valid' })).toEqual({ stands: true });
    expect(entryStands(entry, { firstLook: 'invalid' })).toMatchObject({ stands: false, why: expect.stringContaining('first seen with problems (first head aaaaaaaaaa)') });
    expect(entryStands(entry, { firstLook: 'gone' })).toMatchObject({ stands: false, why: expect.stringContaining('is gone') });
  });

  it('fails closed: an older entry nobody judged again does not stand', () => {
    expect(entryStands(entry, {})).toMatchObject({ stands: false });
  });

  it('an entry freezing a commit never published never stands, valid or not', () => {
    expect(entryStands({ ...entry, valid: true }, { unpublished: oid('c') })).toMatchObject({ stands: false, why: expect.stringContaining('it freezes commit cccccccccc, which was never published') });
  });
});
