/**
 * Bidirectional isolates in words that are not the bot's (issue 10, "every field that reaches a
 * record or a page is a single line or escaped"; wave 3's hostile review). Titles may hold the
 * isolates (U+2066–U+2069) that mixed-direction text needs, so they are not refused where they are
 * written; but one left open runs on past the field, over the bot's own words after it on the
 * same line ("# <title>: accepted", a voter's words then the next cell), and reorders them on
 * the page. Each field is closed where it ends: every isolate it opens is shut with U+2069 (PDI).
 */
import { describe, expect, it } from 'vitest';
import { renderRecord, type UnsealedRecord } from '../../src/commons/decision-record.ts';
import { inlineText, oneLine } from '../../src/commons/inline-markdown.ts';
import { renderJudgementComment } from '../../src/commons/judgement-comment.ts';

const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';
const oid = (c: string) => c.repeat(40);

/** Isolates left open at the end of a string (the ones a renderer would carry over what follows). */
function openIsolates(text: string): number {
  let depth = 0;
  for (const c of text) {
    if (c === '\u2066' || c === RLI || c === FSI) depth++;
    else if (c === PDI && depth > 0) depth--;
  }
  return depth;
}

const record = (title: string, comment: string): UnsealedRecord => ({
  change: 'kinder',
  title,
  kind: 'proposal',
  outcome: 'rejected',
  author: 'amina',
  head: oid('a'),
  base: oid('b'),
  opened: '2026-11-02T10:00:00.000Z',
  closed: '2026-11-09T10:00:00.000Z',
  policyCommit: oid('b'),
  rule: { quorum: '1/3', threshold: { moreThan: '1/2' }, days: 7, closeEarly: false },
  roster: { size: 5, commit: oid('b') },
  files: ['content/proposals/kinder.md'],
  ballots: [{ voter: 'chloe', vote: 'no', counted: true, reason: 'counted: latest valid ballot of a member', comment, commit: oid('d') }],
  tally: { eligible: 5, yes: 0, no: 1, abstain: 0, quorumMet: true, thresholdMet: false },
  reasons: ['the vote closed'],
});

describe('an isolate opened in someone\'s words is closed where their words end', () => {
  it('a title that opens an isolate and never closes it cannot carry the record\'s heading over the bot\'s verb', () => {
    const text = renderRecord(record(`Budget ${RLI}ميزانية`, `${FSI}I agree`));
    const heading = text.split('\n').find((l) => l.startsWith('# '))!;
    expect(heading).toBe(`# Budget ${RLI}ميزانية${PDI}: rejected`);
    const said = text.split('\n').find((l) => l.startsWith('- **chloe**'))!;
    expect(openIsolates(said)).toBe(0);
  });

  it('the pull-request comment closes them too, and so does a field cut at its length limit', () => {
    const comment = renderJudgementComment({ head: 'prop/kinder', commit: oid('a'), base: oid('b'), kind: 'proposal', decision: 'pending', reasons: [`the title is ${RLI}x`], problems: [], ballots: [] });
    for (const line of comment.split('\n')) expect(openIsolates(line)).toBe(0);
    expect(openIsolates(inlineText(`${RLI}${'x'.repeat(50)}`, 10))).toBe(0);
    expect(openIsolates(oneLine(`${FSI}${FSI}a${PDI}`))).toBe(0);
  });

  it('control: balanced isolates, as mixed-direction text writes them, are kept exactly; a stray PDI is left alone', () => {
    expect(inlineText(`Budget ${RLI}ميزانية${PDI} 2027`)).toBe(`Budget ${RLI}ميزانية${PDI} 2027`);
    expect(oneLine(`a${PDI}b`)).toBe(`a${PDI}b`);
    expect(oneLine('plain words')).toBe('plain words');
  });
});
