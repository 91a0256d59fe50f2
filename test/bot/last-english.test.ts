/**
 * Issue 12: "every problem's message and hint has a French text, kept in one catalogue beside the
 * English one, so a missing translation is a test failure and not a silent English line", and "a
 * reader … should never meet an English sentence that NoClout wrote". The last English the bot
 * and the CLI printed under a French locale: each place that lost a coded problem's French (a
 * frame around it, a verifier's detail), the reasons and words around a judgement, audit's report,
 * the schemas' own wording; then one sweep that runs check, review, merge and audit in French over
 * a commons with one of every fault cheap to build, and fails on any English sentence of the
 * catalogues in what they print.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitSigner } from '../../src/ballots/signed.ts';
import { auditRecords } from '../../src/bot/audit.ts';
import { ballotFileProblems } from '../../src/bot/change-checks.ts';
import { auditFindingLine, explainAudit, explainJudgement } from '../../src/bot/explain.ts';
import { explainLedgerBrought, ledgerWhy } from '../../src/bot/ledger-sync.ts';
import { recordFileProblems } from '../../src/bot/record-of.ts';
import { unreadableJudgement } from '../../src/bot/unreadable.ts';
import { GitSource } from '../../src/bot/git-source.ts';
import { parseRecord, renderRecord, type UnsealedRecord } from '../../src/commons/decision-record.ts';
import { sealRecord } from '../../src/commons/record-digest.ts';
import type { Judgement } from '../../src/commons/judgement.ts';
import { CATALOGUES, displayFormat, displayText, PARAMS, reasonsIn, recordText, text, type TextCode } from '../../src/commons/texts/index.ts';
import { CHOICES, type ParamKind, type TextFormat } from '../../src/commons/texts/codes.ts';
import { codedProblem, formatProblemIn, PROBLEM_CATALOGUES, problemTextIn, type ProblemCode } from '../../src/commons/texts/problems.ts';
import { AUDIT_FINDINGS_EN, AUDIT_ROLES_EN, FRAMES_EN, MISSING_STEPS_EN, NO_AUDIT_FAULT, NO_STRUCTURE_FAULT, NO_WORDS, SCHEMA_WORDS_EN, SIGNATURE_FAULTS_EN, STRUCTURE_EN, UNATTRIBUTED, NOT_GOVERNED } from '../../src/commons/texts/problems-en.ts';
import { FRAMES_FR } from '../../src/commons/texts/problems-fr.ts';
import { CLI_TEXTS } from '../../src/cli/texts.ts';
import { MissingObjectError } from '../../src/repo/missing.ts';
import { checkoutRefusal } from '../../src/repo/checkout.ts';
import { MergeError } from '../../src/bot/merge.ts';
import { MERGE_FAILURES, mergeFailureIn } from '../../src/commons/texts/merge-failures.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { writeTree } from '../fixtures/commons-tree.ts';
import { runBin } from '../fixtures/run-cli.ts';
import { keyFor, postText, proposalText, ruleText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { nocloutJson, reviewJson } from './cli.ts';
import { days, hours, T0 } from './clock.ts';

const NB = '\u202f';
const FRENCH = { LC_ALL: '', LC_MESSAGES: '', LANG: 'fr_FR.UTF-8' };
const commons = trackedCommons();

/** French typography, as test/unit/problem-languages.test.ts checks it: U+202F before ; : ! ? and inside « », no ASCII quotes in prose. */
const BAD_TYPOGRAPHY = /[^\u202f`][;!?]|[^\u202f`] :|[^\u202f]»|«[^\u202f]|"/u;

// --- The catalogue: every variant of the codes this sweep added, in both languages. ---

type Variant = { code: ProblemCode; params: Record<string, string | number>; label: string };

/** One rendering per sentence the new codes can say: each schema word, audit fault, structure fault, missing role and step, signature fault, date and size. */
function variants(): Variant[] {
  const out: Variant[] = [];
  const add = (code: ProblemCode, params: Record<string, string | number>, label: string) => out.push({ code, params, label });
  for (const words of Object.keys(SCHEMA_WORDS_EN)) add('schema/words', { ...NO_WORDS, words, what: 'a summary', max: 7, value: 'V1', list: 'L1', index: 8, other: 'type', field: 'name', where: 'W1', received: 'R1', misspelt: '', suggestion: '' }, `words ${words}`);
  for (const fault of Object.keys(AUDIT_FINDINGS_EN)) {
    const detail = fault === 'structure' ? JSON.stringify({ ...NO_STRUCTURE_FAULT, fault: 'no-title' }) : 'D1';
    add('audit/finding', { ...NO_AUDIT_FAULT, fault, field: 'F1', at: 7, said: fault === 'tally' ? '[1,0,0,3,true,false]' : 'S1', found: fault === 'tally' ? '' : 'S2', change: 'C1', commit: 'K1', detail }, `audit ${fault}`);
  }
  for (const fault of Object.keys(STRUCTURE_EN)) add('record/structure', { ...NO_STRUCTURE_FAULT, fault, line: 7, found: 'S1', expected: 'S2', section: 'Tally', after: 'Ballots', sections: 'L1', rows: 2, ballots: 1 }, `structure ${fault}`);
  const steps = JSON.stringify(Object.keys(MISSING_STEPS_EN).map((step) => ({ step, kind: 'tree', oid: 'O2', commit: 'K1', ref: 'R2', head: 'H1', change: 'C1', since: '2026-11-01T00:00:00.000Z' })));
  for (const role of [...Object.keys(AUDIT_ROLES_EN), 'ledger']) add('audit/missing-object', { kind: 'blob', oid: 'O1', at: 'path', path: 'P1', steps, gitdir: 'G1', shallow: role === 'ledger' ? 'yes' : '', role, change: 'C1', commit: 'K1' }, `missing ${role}`);
  add('change/missing-object', { kind: 'commit', oid: 'O1', at: '', path: '', steps, gitdir: 'G1', shallow: 'yes' }, 'missing change');
  for (const fault of Object.keys(SIGNATURE_FAULTS_EN)) add('change/unsigned', { author: 'H1', ...UNATTRIBUTED, why: 'signature', commit: 'K1', signature: 'bad', fault, found: 'F1', expected: 'E1', ...NOT_GOVERNED }, `signature ${fault}`);
  for (const [fault, meant] of [['not-real', ''], ['form', ''], ['form', 'ymd'], ['form', 'one'], ['form', 'both']]) add('schema/date', { where: 'W1', received: 'R1', fault: fault!, meant: meant!, write: 'D1', dayFirst: 'D2', monthFirst: 'D3', first: 'N1' }, `date ${fault} ${meant}`);
  for (const of of ['characters', 'items', 'number']) for (const bound of ['min', 'max']) for (const inclusive of ['', 'yes']) add('schema/size', { where: 'W1', received: 'R1', bound, of, limit: 7, inclusive }, `size ${of} ${bound} ${inclusive}`);
  add('schema/tag-not-normalized', { where: 'W1', received: 'R1', plain: 'P1', odd: '', forms: 0, accents: 'A1' }, 'tag accent');
  return out;
}

function render(lang: 'en' | 'fr', v: Variant): string {
  const text = PROBLEM_CATALOGUES[lang][v.code];
  return `${text.message(v.params)} ${text.hint?.(v.params) ?? ''}`.trim();
}

describe('the last English coded: every variant of the new codes has its French', () => {
  it('says every variant in French, with French typography, and none of it the English sentence', () => {
    const all = variants();
    expect(all.length).toBeGreaterThan(100);
    for (const v of all) {
      const [en, fr] = [render('en', v), render('fr', v)];
      expect(fr, v.label).not.toBe(en);
      // An example to copy (a key: value, a command) is not prose: only the sentence's own punctuation is checked.
      expect(PROBLEM_CATALOGUES.fr[v.code].message(v.params), v.label).not.toMatch(BAD_TYPOGRAPHY);
      for (const marker of en.match(/\b[A-Z]\d\b/g) ?? []) expect(fr, `${v.label}: ${marker}`).toContain(marker);
    }
  });

  it('frames say their words in both languages around the inner text, and keep the inner hint unless they replace it', () => {
    const inner = { message: 'M1', hint: undefined };
    expect(Object.keys(FRAMES_FR).sort()).toEqual(Object.keys(FRAMES_EN).sort());
    expect(FRAMES_FR['frozen-at']({ commit: 'abc' }, inner).message).toBe(`au commit abc${NB}: M1`);
    expect(FRAMES_FR['ballot-file']({ path: 'P1' }, { message: 'M1', hint: 'H1' }).hint).toBe('H1');
    expect(FRAMES_FR['ballot-file']({ path: 'P1' }, inner).hint).toContain('git rm P1');
  });
});

// --- Item 2: the places that lost a coded problem's French. ---

describe('the places that lost the French of a coded problem now keep it (a frame or a code, never English glued on)', () => {
  it('recordFileProblems: a record the bot would write that fails check says both the frame and the problem in French', () => {
    const [p] = recordFileProblems('governance/decisions/2026/0001-a.md', 'not a record\n', {} as UnsealedRecord);
    expect(p!.message).toBe('the record the bot would write fails: the file must start with YAML front matter between --- lines');
    expect(p!.hint).toBe("nothing was written; report this to the commons' maintainers with the change's name");
    const fr = formatProblemIn(p!, 'fr');
    expect(fr).toContain(`le procès-verbal que le bot écrirait est refusé${NB}: le fichier doit commencer`);
    expect(fr).toContain(`conseil${NB}: rien n’a été écrit`);
    expect(fr).not.toContain('front matter between');
  });

  it('ballotFileProblems: the hint added to a ballot file’s problem that had none is French too; a problem with a hint keeps its own', () => {
    const path = 'governance/ballots/words/zed.yml';
    const file = { path, status: 'added' as const, head: { path: 'zed.yml', mode: '100644', oid: 'a'.repeat(40), type: 'blob' as const } };
    const noHint = codedProblem(path, 'ballot/schema', 'schema/one-of', { where: 'vote', values: '"yes", "no", "abstain"', received: '"peut-être"' });
    const [p] = ballotFileProblems([file], [noHint], new Set(['zed']));
    expect(p!.hint).toBe(`delete or fix it (git rm ${path}; a commit touching only ballot files makes no ballot stale), then push again`);
    const fr = formatProblemIn(p!, 'fr');
    expect(fr).toContain(`vote${NB}: il faut l’une des valeurs`);
    expect(fr).toContain(`conseil${NB}: supprimez-le ou corrigez-le (git rm ${path}`);
    expect(fr).not.toContain('delete or fix');
    const unknown = ballotFileProblems([file], [], new Set(['amina']));
    expect(formatProblemIn(unknown[0]!, 'fr')).toContain(`conseil${NB}: supprimez-le (git rm ${path}`);
  });

  it('judge: the frozen policy’s own problems are said "au commit …" in French, not "at <commit>:" glued on English', async () => {
    const f = commons({ members: ['amina'] });
    f.commit({ 'governance/policy.md': '---\nvoting: 3\n---\n\nBroken.\n' });
    f.commit({ 'content/posts/2026/bonjour.md': postText({ author: 'amina', title: 'Bonjour' }) }, { branch: 'post/bonjour', signer: 'amina' });
    const judged = await reviewJson(f.dir, 'post/bonjour', T0);
    const framed = (judged.problems as { message: string; frames?: unknown }[]).filter((p) => p.frames);
    expect(framed.length).toBeGreaterThan(0);
    expect(framed[0]!.message).toMatch(/^at [0-9a-f]{10}: /);
    const fr = await runBin(['review', 'post/bonjour', '--repo', f.dir, '--at', T0], f.dir, FRENCH);
    expect(fr.stdout).toMatch(new RegExp(`au commit [0-9a-f]{10}${NB}: `));
    expect(fr.stdout).not.toMatch(/\bat [0-9a-f]{10}: /);
  });

  it('a bad signature’s detail is a code: change/unsigned and the ballot’s status say it in French', () => {
    const signer = commitSigner('tree x\n', '-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAg==\n-----END SSH SIGNATURE-----', []);
    expect(signer).toMatchObject({ ok: false, reason: 'bad signature: unsupported SSHSIG version 2', code: { code: 'ballot-bad-signature', params: { fault: 'version', found: '2' } } });
    const status = (signer as { code: Parameters<typeof displayText>[0] }).code;
    expect(displayText(status, 'fr')).toBe(`signature invalide${NB}: version de SSHSIG non prise en charge, 2`);
    const p = codedProblem('a.md', 'change/unsigned', 'change/unsigned', { author: 'amina', ...UNATTRIBUTED, why: 'signature', commit: 'abc', signature: 'bad', fault: 'version', found: '2', expected: '', ...NOT_GOVERNED });
    expect(p.message).toBe('the change cannot be attributed to a member: commit abc: bad signature: unsupported SSHSIG version 2');
    expect(formatProblemIn(p, 'fr')).toContain(`le commit abc a une signature invalide${NB}: version de SSHSIG non prise en charge, 2`);
  });
});

describe('records written before a ballot status had a code still audit clean (bad signature, unreadable ballot)', () => {
  /** A rejected proposal whose record lists amina's signed no and chloe's badly signed yes; `strip` removes a ballot's status, re-sealed, as an older bot wrote it. */
  async function recordWithout(strip: string): Promise<{ rules: string[]; status: string }> {
    const f = commons({ members: ['amina', 'bruno', 'chloe'] });
    f.commit({ 'content/proposals/vieux.md': proposalText({ author: 'amina', title: 'Vieux' }), 'governance/rules/vieux.md': ruleText('Vieux') }, { branch: 'proposal/vieux', signer: 'amina' });
    await reviewJson(f.dir, 'proposal/vieux', T0);
    f.commit({ 'governance/ballots/vieux/amina.yml': 'vote: no\n' }, { branch: 'proposal/vieux', signer: 'amina' });
    badlySignedBallot(f, 'proposal/vieux', 'vieux', 'chloe');
    expect((await nocloutJson(f.dir, ['merge', '--at', days(8)])).json.results[0]).toMatchObject({ decision: 'reject', record: 'governance/decisions/2026/0001-vieux.md' });
    const path = 'governance/decisions/2026/0001-vieux.md';
    const parsed = parseRecord(`${f.git(['show', `main:${path}`])}\n`, '2026/0001-vieux');
    if (!parsed.ok) throw new Error('the record does not read');
    const { digest: _digest, ...record } = parsed.record;
    const ballot = record.ballots.find((b) => b.voter === strip)!;
    const status = ballot.status!.code;
    delete ballot.status;
    f.commit({ [path]: sealRecord(renderRecord(record as UnsealedRecord)) }, { message: 'as an older bot wrote it' });
    const audit = await nocloutJson(f.dir, ['audit', '--no-fetch']);
    return { rules: (audit.json.findings as { rule: string }[]).map((x) => x.rule), status };
  }

  it('a bad signature’s ballot without its status, as before ballot-bad-signature existed: no finding', async () => {
    expect(await recordWithout('chloe')).toEqual({ rules: [], status: 'ballot-bad-signature' });
  });

  it('the control: a counted ballot’s status removed is still audit/codes', async () => {
    const control = await recordWithout('amina');
    expect(control.rules).toEqual(['audit/codes']);
    expect(control.status).not.toBe('ballot-bad-signature');
  });
});

// --- Item 3: reasons with a code. ---

describe('every reason the bot writes has a code: unreadable changes and what merge could not write', () => {
  it('a change whose objects are missing: its reason and problem in French', () => {
    const f = commons({ members: ['amina'] });
    const error = new MissingObjectError(openRepository(f.dir), 'd'.repeat(40), 'commit', undefined, [{ step: 'ref', ref: 'ghost' }]);
    const j = unreadableJudgement({ head: 'ghost', commit: 'd'.repeat(40) }, f.rev('main'), error);
    expect(j.reasonCodes?.map(recordText)).toEqual(j.reasons);
    expect(j.reasons[0]).toBe(`ghost cannot be judged: a git object it needs is missing (commit dddddddddd); nothing is recorded until it can be read`);
    expect(reasonsIn(j.reasons, j.reasonCodes, 'fr')[0]).toBe(`ghost ne peut pas être jugé${NB}: un objet git dont il a besoin manque (le commit dddddddddd)${NB}; rien n’est consigné tant qu’il ne peut pas être lu`);
    const fr = formatProblemIn(j.problems[0]!, 'fr');
    expect(fr).toContain(`le commit ${'d'.repeat(40)}, le commit que désigne ghost, n’est pas dans`);
    expect(fr).toContain(`[change/missing-object]\n    conseil${NB}: récupérez-le depuis un dépôt qui l’a`);
    expect(j.problems[0]!.message).toBe(`${error.message}: ${error.why}`);
  });

  it('merge’s own reasons (a conflict, a record that fails check, main left failing) have codes and French', () => {
    for (const reason of [text('merge-conflict', { base: 'main', files: 2 }), text('record-would-fail', { change: 'x' }), text('main-would-fail', { accepted: true, base: 'main', problems: 1 })]) {
      const fr = displayText(reason, 'fr')!;
      expect(fr).not.toBe(recordText(reason));
      expect(fr).not.toMatch(BAD_TYPOGRAPHY);
    }
    expect(recordText(text('merge-conflict', { base: 'main', files: 2 }))).toBe('the change conflicts with main: 2 files were changed on both sides since it was opened');
    expect(displayText(text('main-would-fail', { accepted: false, base: 'main', problems: 1 }), 'fr')).toBe(`consigner la décision ferait échouer noclout check sur main (1 problème)${NB}: rien n’est fusionné ni consigné tant que le changement n’est pas corrigé`);
  });

  it('no reason is written as a literal any more in src/bot and src/commons (reasons.push, reasons: [, reason: of a Built)', () => {
    const grep = (pattern: string) => {
      try {
        // GitHub mode's run log (a pull request skipped as a draft) is the workflow's log for maintainers, not a judgement.
        return execFileSync('git', ['grep', '-n', '-E', pattern, '--', 'src/bot', 'src/commons', 'src/ballots', ':!src/bot/github-source.ts'], { cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8' });
      } catch {
        return ''; // git grep exits 1 when nothing matches
      }
    };
    expect(grep("reasons(\\.push\\(|: \\[)[`'\"]")).toBe('');
    // Inside the literal: a reason code ('invalid') followed by other fields on the line is not prose.
    expect(grep("reason: [`'\"][^`'\"]*(judged|merge|record|recorded)")).toBe('');
  });
});

// --- Item 4: the words around a judgement, audit's report, the ledger line. ---

function judgement(over: Partial<Judgement>): Judgement {
  return { head: 'post/x', commit: 'a'.repeat(40), base: 'b'.repeat(40), kind: 'post', decision: 'pending', reasons: [], problems: [], ballots: [], ...over };
}

describe('review and merge say the words around a judgement in French', () => {
  it('ballots: the statuses from their codes, "compté" / "non compté", the votes and the cited rule', () => {
    const counted = text('ballot-counted', {});
    const late = text('ballot-late', { at: '2026-11-05T10:00:00.000Z', closes: '2026-11-04T10:00:00.000Z' });
    const j = judgement({ ballots: [{ voter: 'amina', vote: 'no', counted: true, reason: recordText(counted), status: counted, rule: 'be-kind', comment: 'Non.' }, { voter: 'bruno', vote: 'yes', counted: false, reason: recordText(late), status: late }] });
    const fr = explainJudgement(j, 'review', 'x', 'fr');
    expect(fr).toContain(`  bulletins${NB}:`);
    expect(fr).toContain(`    compté      amina non${NB}: dernier bulletin valide d’un membre`);
    expect(fr).toContain(`                invoque la règle «${NB}be-kind${NB}»${NB}: "Non."`);
    expect(fr).toContain(`    non compté  bruno oui${NB}: déposé le 5 novembre 2026 à 10:00${NB}UTC, après la clôture du 4 novembre 2026 à 10:00${NB}UTC`);
    expect(fr).not.toMatch(/counted|cites rule|ballots:/);
    const en = explainJudgement(j, 'review', 'x', 'en');
    expect(en).toContain('    counted     amina no: latest valid ballot of a member');
    expect(en).toContain('                cites rule "be-kind": "Non."');
  });

  it('the next step of a change with nothing to fix says what it lacks, not "fix the problems above"', () => {
    const addsNothing = judgement({ decision: 'invalid', reasonCodes: [text('adds-nothing', { head: 'main', base: 'bbbbbbbbbb' })], reasons: [recordText(text('adds-nothing', { head: 'main', base: 'bbbbbbbbbb' }))] });
    expect(explainJudgement(addsNothing, 'review', undefined, 'en')).toContain('next: nothing to do: the branch adds nothing to main');
    expect(explainJudgement(addsNothing, 'review', undefined, 'fr')).toContain(`ensuite${NB}: rien à faire${NB}: la branche n’ajoute rien à main`);
    const ballots = judgement({ decision: 'invalid', reasonCodes: [text('ballot-only-change', {})], reasons: [recordText(text('ballot-only-change', {}))] });
    expect(explainJudgement(ballots, 'review', undefined, 'en')).toContain('next: commit each ballot on the branch of the change it votes on');
    const fix = judgement({ decision: 'invalid', problems: [codedProblem('a.md', 'change/post-edited', 'change/post-edited', {})] });
    expect(explainJudgement(fix, 'review', undefined, 'en')).toContain('next: fix the problems above');
    for (const j of [addsNothing, ballots, judgement({ decision: 'invalid', reasonCodes: [text('no-name', {})], reasons: [recordText(text('no-name', {}))] })]) {
      expect(explainJudgement(j, 'review', undefined, 'en')).not.toContain('fix the problems above');
    }
  });

  it('the ledger fetch line: why it was not fetched, worded per language (git’s own words kept)', () => {
    const notFetched = { fetched: false as const, why: 'several remotes and none named origin (a, b): name one with --remote', fault: 'several-remotes' as const, said: '', asked: '', remotes: ['a', 'b'], lacking: 2 };
    expect(explainLedgerBrought('audit', notFetched, 'en')).toBe('audit: the ledger here (refs/noclout/ledger) had no opening for 2 records (git clone brings no ledger, and git fetch brings it only when asked), and it was not fetched: several remotes and none named origin (a, b): name one with --remote');
    const fr = explainLedgerBrought('audit', notFetched, 'fr');
    expect(fr).toContain(`n’avait pas l’ouverture de 2 décisions`);
    expect(fr).toContain(`plusieurs dépôts distants, et aucun ne s’appelle origin (a, b)${NB}: nommez-en un avec --remote`);
    expect(ledgerWhy({ ...notFetched, fault: 'git', said: 'fatal: unable to access' }, 'fr')).toBe(`git${NB}: fatal: unable to access`);
  });
});

describe('why merge could not move the base, in the reader’s language', () => {
  it('a checked-out main with local changes (merge/dirty-checkout): the English as before, the French from the same parameters', async () => {
    const f = commons({ members: ['amina'] });
    writeFileSync(join(f.dir, 'governance/rules/be-kind.md'), 'edited by hand\n');
    const refusal = await checkoutRefusal(openRepository(f.dir), 'refs/heads/main');
    expect(refusal?.code).toBe('merge/dirty-checkout');
    expect(refusal!.message).toBe(`main is checked out in ${f.dir} and its files have local changes (governance/rules/be-kind.md): the bot updates a checked-out branch's files only when they are clean, so nothing was merged. Commit or stash them (git stash), or run the bot in a clone where main is not checked out, then run merge again.`);
    const fr = mergeFailureIn(refusal!, 'fr');
    expect(fr).toBe(`main est extraite dans ${f.dir} et ses fichiers ont des modifications locales (governance/rules/be-kind.md)${NB}: le bot ne met à jour les fichiers d’une branche extraite que s’ils sont propres, rien n’a donc été fusionné. Faites-en un commit ou mettez-les de côté (git stash), ou lancez le bot dans un clone où main n’est pas extraite, puis relancez merge.`);
  });

  it('a locked base and a base that kept moving (MergeError): English unchanged, French in full; a message that is not its code’s English stays as it is', () => {
    const locked = new MergeError('merge/locked', { ref: 'refs/heads/main', gitdir: '/r/.git' });
    expect(locked.message).toBe('refs/heads/main.lock exists in /r/.git: another git process is writing refs/heads/main, or one crashed while doing so. Nothing was changed. If no git process is running, remove the lock file and run merge again.');
    expect(mergeFailureIn(locked, 'fr')).toContain(`refs/heads/main.lock existe dans /r/.git${NB}: un autre processus git écrit refs/heads/main`);
    const moving = new MergeError('merge/contention', { ref: 'refs/heads/main', head: 'post/x' });
    expect(moving.message).toBe('refs/heads/main kept moving while merging post/x: other runs are merging too; run merge again');
    expect(mergeFailureIn(moving, 'fr')).toBe(`refs/heads/main n’a cessé de bouger pendant la fusion de post/x${NB}: d’autres exécutions fusionnent aussi${NB}; relancez merge`);
    expect(mergeFailureIn({ code: 'merge/contention', params: moving.params, message: 'said otherwise' }, 'fr')).toBe('said otherwise');
    const [a, b] = ['a'.repeat(40), 'b'.repeat(40)];
    expect(MERGE_FAILURES.en['merge/stale-checkout']({ branch: 'main', before: a, after: b, dir: '/r' })).toBe(`main moved from ${a.slice(0, 12)} to ${b.slice(0, 12)}, but some of its files in /r still show ${a.slice(0, 12)}. Before committing anything there, update them: git read-tree -m -u ${a} ${b}`);
    expect(MERGE_FAILURES.fr['merge/stale-checkout']({ branch: 'main', before: a, after: b, dir: '/r' })).toBe(`main est passée de ${a.slice(0, 12)} à ${b.slice(0, 12)}, mais certains de ses fichiers dans /r montrent encore ${a.slice(0, 12)}. Avant d’y faire un commit, mettez-les à jour${NB}: git read-tree -m -u ${a} ${b}`);
    for (const code of Object.keys(MERGE_FAILURES.fr) as (keyof (typeof MERGE_FAILURES)['fr'])[]) expect(MERGE_FAILURES.fr[code]({ branch: 'B1', ref: 'R1', dir: 'D1', gitdir: 'G1', path: 'P1', files: 'F1', more: '2', head: 'H1', elsewhere: 'E1', first: 'E1' }), code).not.toMatch(BAD_TYPOGRAPHY);
  });
});

// --- Item 6: the sweep. ---

const MARK = '\u0001';

/** Pieces of a text between the values put in it, long enough to be a phrase (as test/site/record-languages.test.ts cuts them). */
function phrasesOf(text: string, into: Set<string>): void {
  for (const piece of text.split(/\u0001|`[^`]*`/)) {
    const phrase = piece.replace(/[ \t\r\n]+/g, ' ').trim();
    if (phrase.length >= 16 && phrase.includes(' ')) into.add(phrase);
  }
}

/**
 * Every text a catalogue can say, with each value a marker: the problem catalogue under each
 * discriminator value the codes choose a sentence by, the record texts, the CLI's own sentences.
 */
function catalogueTexts(lang: 'en' | 'fr'): string[] {
  const texts: string[] = [];
  const overrides: Record<string, string | number>[] = [{}];
  const choose = (key: string, values: readonly string[]) => values.forEach((v) => overrides.push({ [key]: v }));
  choose('words', Object.keys(SCHEMA_WORDS_EN));
  choose('fault', [...Object.keys(AUDIT_FINDINGS_EN), ...Object.keys(STRUCTURE_EN), ...Object.keys(SIGNATURE_FAULTS_EN), 'deletes', 'new-version', 'undoes', 'both-changed', 'not-merge', 'roster-line', 'roster-order', 'roster-base', 'roster-unreadable', 'roster-rewrites', 'roster-no-entry', 'not-regular', 'not-utf8', 'dotgit', 'backslash', 'control', 'encoding', 'empty', 'slash', 'dot', 'symlink']);
  choose('role', [...Object.keys(AUDIT_ROLES_EN), 'ledger']);
  choose('why', ['no-content', 'signature', 'two-signers', 'pull-deleted', 'pull-outsider']);
  choose('signature', ['unsigned', 'unknown-key', 'bad']);
  choose('meant', ['', 'ymd', 'one', 'both']);
  choose('kind', ['blob', 'tree', 'commit', 'ballot', 'membership', 'policy']);
  choose('mode', ['symlink', 'submodule', 'executable', 'directory']);
  choose('governed', ['frozen', 'checked']);
  choose('side', ['ours', 'theirs']);
  choose('damage', ['unreadable', 'size', 'no-header', 'inflate', 'id', 'pack-chain', 'pack-header', 'pack-base', 'pack-base-outside', 'pack-type', 'pack-delta']);
  // Values that are JSON of parts (src/commons/texts/problems-en.ts): their parts are markers too, so phrases are cut where each goes.
  const steps = JSON.stringify(Object.keys(MISSING_STEPS_EN).map((step) => ({ step, kind: MARK, oid: MARK, commit: MARK, ref: MARK, head: MARK, change: MARK, since: MARK })));
  const scripts = JSON.stringify([{ script: MARK, letters: [MARK] }, { script: MARK, letters: [MARK] }, { script: MARK, letters: [MARK] }]);
  for (const base of [MARK, '']) {
    for (const over of overrides) {
      const params = new Proxy({ steps, scripts, detail: JSON.stringify({ fault: over.fault ?? 'no-title' }) } as Record<string, unknown>, { get: (target, key: string) => (key in over ? over[key] : key in target && over.fault === undefined ? target[key] : base) });
      for (const code of Object.keys(PROBLEM_CATALOGUES[lang]) as ProblemCode[]) {
        const t = PROBLEM_CATALOGUES[lang][code];
        for (const say of [t.message, t.hint]) {
          try {
            const said = say?.(params as never);
            if (said) texts.push(said);
          } catch {
            // a sentence this discriminator does not choose
          }
        }
      }
    }
  }
  const formats: TextFormat[] = [{ locale: lang, instant: () => MARK }];
  // The kinds that choose a sentence take each of their values in turn.
  const value = (kind: ParamKind, i: number): unknown =>
    kind in CHOICES
      ? CHOICES[kind as keyof typeof CHOICES][i % CHOICES[kind as keyof typeof CHOICES].length]
      : kind === 'problems'
        ? JSON.stringify([{ path: 'P', line: 9, column: 9, code: 'schema/one-of', params: { where: 'W', values: 'V', received: 'R' } }])
        : { text: MARK, instant: MARK, number: 9, boolean: i % 2 === 0, list: [MARK], comparison: i % 2 ? 'moreThan' : 'atLeast', side: i % 2 ? 'yes' : 'no' }[kind as 'text'];
  for (const code of Object.keys(PARAMS) as TextCode[]) {
    for (let i = 0; i < 9; i++) {
      const params = Object.fromEntries(Object.entries(PARAMS[code] as Record<string, ParamKind>).map(([name, kind]) => [name, value(kind, i)]));
      for (const format of formats) texts.push((CATALOGUES[lang][code] as (p: unknown, f: TextFormat) => string)(params, format));
    }
  }
  const markers = new Proxy({}, { get: () => MARK });
  for (const say of Object.values(CLI_TEXTS[lang]) as ((...args: unknown[]) => string)[]) {
    try {
      texts.push(say(...Array.from({ length: Math.max(say.length, 3) }, () => markers)));
      texts.push(say(...Array.from({ length: Math.max(say.length, 3) }, () => MARK)));
    } catch {
      // a sentence that needs values of another kind
    }
  }
  return texts;
}

/** The English catalogues' phrases, but those the French says word for word too (commands, paths, examples to copy). */
function englishPhrases(): string[] {
  const english = new Set<string>();
  for (const t of catalogueTexts('en')) phrasesOf(t, english);
  const french = catalogueTexts('fr').join('\n');
  return [...english].filter((phrase) => !french.includes(phrase));
}

const ENGLISH = englishPhrases();

/**
 * The lines of an output that hold an English phrase of the catalogues, with the phrase. Values
 * quoted as JSON are data, not the bot's words to the reader: what a file says (received "…"), or
 * the English a record stores, which audit quotes when it does not follow.
 */
function englishLines(output: string): string[] {
  return output.split('\n').flatMap((line) => {
    const words = line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    return ENGLISH.filter((phrase) => words.includes(phrase)).map((phrase) => `${line}\n      ↳ "${phrase}"`);
  });
}

/** A ballot commit whose signature is not one (SSHSIG version 2): its ballot does not count, with a coded status. */
function badlySignedBallot(f: Fixture, branch: string, change: string, voter: string): void {
  const unsigned = f.commit({ [`governance/ballots/${change}/${voter}.yml`]: 'vote: yes\n' }, { branch });
  const [tree, parent] = [f.rev(`${unsigned}^{tree}`), f.rev(`${unsigned}^`)];
  const sig = Buffer.concat([Buffer.from('SSHSIG'), Buffer.from([0, 0, 0, 2]), Buffer.alloc(8)]).toString('base64');
  const body = `tree ${tree}\nparent ${parent}\nauthor ${voter} <${voter}@example.org> 1793350800 +0000\ncommitter ${voter} <${voter}@example.org> 1793350800 +0000\ngpgsig -----BEGIN SSH SIGNATURE-----\n ${sig}\n -----END SSH SIGNATURE-----\n\nballot\n`;
  const oid = execFileSync('git', ['-C', f.dir, 'hash-object', '-t', 'commit', '-w', '--stdin'], { input: body, encoding: 'utf8' }).trim();
  f.git(['branch', '-f', branch, oid]);
}

describe('the sweep: check, review, merge and audit under LANG=fr_FR.UTF-8 print no English sentence of the catalogues', () => {
  it('collects hundreds of English phrases to look for, and finds them in the English output (the control)', async () => {
    expect(ENGLISH.length).toBeGreaterThan(500);
    expect(ENGLISH).toContain('a tag is written in one script, but this one mixes');
    expect(ENGLISH.filter((phrase) => phrase.startsWith('the change cannot be attributed to a member: ')).length).toBeGreaterThan(3);
    const dir = await writeTree({ 'content/posts/2026/bad.md': '---\ntitle: T\nauthor: amina\ndate: 31/12/2026\nlang: fr\n---\n\nText.\n' });
    const en = await runBin(['check', '--repo', dir], undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' });
    expect(englishLines(en.stdout).length).toBeGreaterThan(0);
  });

  it('noclout check over every schema fault cheap to write: commons.yml, policy, members, posts, proposals, rules', async () => {
    const dir = await writeTree({
      'governance/commons.yml': 'name: { fr: Commun, de: Gemeinde }\ndescription: { en: A commons }\nurl: ftp://example.org/\nrepository: https://github.com/example/commons\nlanguages: [fr, en]\ndefaultLanguage: de\nbotLanguages: [it]\nlogo: x\n',
      'governance/policy.md': '---\nvoting:\n  rules:      { quorum: "01/3", threshold: { moreThn: "1/2" }, days: 0,  closeEarly: false }\n  policy:     { quorum: 1, threshold: { atLeast: "3/0" },  days: 14, closeEarly: false }\n  membership: { quorum: "5/4", threshold: { moreThan: "1/2" }, days: 7,  closeEarly: nope }\n  moderation: { quorum: "1234567890/2", threshold: { moreThan: "1/2" }, days: 3,  closeEarly: false }\nposts:\n  objectionHours: 24\n  maxPerAuthorPerWeek: 3\n  maxBytes: 100\n---\n\n# Policy\n',
      'governance/members.yml': `- handle: Amina\n  name: ""\n  joined: 2026-13-01\n  github: { login: "-bad-", id: 1 }\n  keys:\n    - ssh-rsa AAAAB3NzaC1yc2E comment\n- handle: bruno\n  name: Bruno\n  joined: 2026-01-02\n  left: 2025-01-01\n  github: { login: ok, id: 1 }\n  keys: []\n- handle: bruno\n  name: B\n  joined: 2026/01/02\n  keys:\n    - ${keyFor('amina').publicLine}\n    - ssh-ed25519 !!!\n    - -----BEGIN OPENSSH PRIVATE KEY-----\n`,
      'content/posts/2026/bad.md': `---\ntitle: "  "\nauthor: amina\ndate: 04/05/2026\nlang: xx\ntags: [gоuvernance, ｇｏ, "e\u0301te", Caps]\nreplyTo: nope\nsummary: "${'x'.repeat(301)}"\ntitel: typo\n---\n\nText.\n`,
      'content/posts/2026/many-tags.md': '---\ntitle: Beaucoup\nauthor: amina\ndate: 2026-02-30\nlang: fr\ntags: [a, b, c, d, e, f, g, h, i, j, k]\n---\n\nTexte.\n',
      'content/proposals/p.md': '---\ntitle: P\nauthor: amina\ndate: 2026-11-02\nappeals: nope\nrules: [Bad_Rule]\nmoderates: 2026/nope\n---\n\nPourquoi.\n',
      'governance/rules/respect.md': '---\ntitle: Respect\norder: 1000\ntranslations: { FR: { title: T } }\n---\n\nSoyez gentils.\n',
      'governance/ballots/p/amina.yml': 'vote: peut-être\n',
    });
    const fr = await runBin(['check', '--repo', dir], undefined, FRENCH);
    expect(fr.code).toBe(1);
    expect(fr.stdout.split('\n').filter((l) => / \[[a-z-]+\/[a-z-]+\]$/.test(l)).length).toBeGreaterThan(30);
    expect(englishLines(`${fr.stdout}\n${fr.stderr}`)).toEqual([]);
  });

  it('noclout review, merge and audit over changes of every kind and fault: valid, forged, unsigned, ballots unsigned, badly signed or unreadable, ballots alone, code, a name taken, missing objects, a record edited by hand', async () => {
    const f = commons({ members: ['amina', 'bruno', 'chloe', 'dmitri', 'elena'] });
    // Decided and merged, then its record edited by hand: audit's findings.
    f.commit({ 'content/posts/2026/bonjour.md': postText({ author: 'amina', title: 'Bonjour' }, 'Bonjour à toutes et à tous.\n') }, { branch: 'post/bonjour', signer: 'amina' });
    await reviewJson(f.dir, 'post/bonjour', T0);
    await nocloutJson(f.dir, ['merge', 'post/bonjour', '--at', hours(25)]);
    // A proposal with ballots of every kind: signed, unsigned, badly signed.
    f.commit({ 'content/proposals/mots.md': proposalText({ author: 'amina', title: 'Des mots' }, 'Parce que.\n'), 'governance/rules/mots.md': ruleText('Des mots') }, { branch: 'proposal/mots', signer: 'amina' });
    await reviewJson(f.dir, 'proposal/mots', hours(26));
    f.commit({ 'governance/ballots/mots/amina.yml': 'vote: yes\nreason: "Oui."\n' }, { branch: 'proposal/mots', signer: 'amina' });
    f.commit({ 'governance/ballots/mots/bruno.yml': 'vote: yes\n' }, { branch: 'proposal/mots', signer: 'bruno' });
    badlySignedBallot(f, 'proposal/mots', 'mots', 'chloe');
    f.commit({ 'governance/ballots/mots/dmitri.yml': 'vote: peut-être\n' }, { branch: 'proposal/mots', signer: 'dmitri' });
    f.commit({ 'governance/ballots/mots/elena.yml': 'vote: no\n' }, { branch: 'proposal/mots' });
    // Faults of a change: a forged author, an unsigned post, a post with schema faults, ballots alone, code, a name taken.
    f.commit({ 'content/posts/2026/faux.md': postText({ author: 'bruno', title: 'Faux' }) }, { branch: 'post/faux', signer: 'amina' });
    f.commit({ 'content/posts/2026/anonyme.md': postText({ author: 'amina', title: 'Anonyme' }) }, { branch: 'post/anonyme' });
    f.commit({ 'content/posts/2026/fautes.md': postText({ author: 'amina', title: 'Fautes', date: '31/12/2026', extra: 'tags: [gоuvernance]\n' }) }, { branch: 'post/fautes', signer: 'amina' });
    f.commit({ 'governance/ballots/bonjour/amina.yml': 'vote: yes\n' }, { branch: 'ballots/seuls', signer: 'amina' });
    f.commit({ 'src/code.ts': 'export {};\n' }, { branch: 'code/x', signer: 'amina' });
    f.commit({ 'governance/rules/sans-nom.md': ruleText('Sans nom') }, { branch: 'rules/sans-nom', signer: 'amina' });
    f.commit({ 'content/posts/2026/bonjour.md': postText({ author: 'bruno', title: 'Encore bonjour' }) }, { branch: 'post/encore', signer: 'bruno' });
    f.commit({ 'content/posts/2026/salut.md': postText({ author: 'bruno', title: 'Salut' }) }, { branch: 'post/salut', signer: 'bruno' });
    await reviewJson(f.dir, 'post/salut', hours(26));
    writeFileSync(join(f.dir, '.git', 'refs', 'heads', 'fantome'), `${'e'.repeat(40)}\n`);
    const heads = ['post/bonjour', 'post/salut', 'proposal/mots', 'post/faux', 'post/anonyme', 'post/fautes', 'ballots/seuls', 'code/x', 'rules/sans-nom', 'post/encore', 'fantome', 'main'];
    const review = await runBin(['review', ...heads, '--repo', f.dir, '--at', days(3)], f.dir, FRENCH);
    expect(review.stdout).toContain(`signature invalide${NB}: version de SSHSIG non prise en charge, 2`);
    expect(review.stdout).toContain(`fantome ne peut pas être jugé`);
    expect(review.stdout).toContain(`dmitri illisible (`);
    expect(review.stdout).toContain(`bulletin illisible${NB}: governance/ballots/mots/dmitri.yml:1:1${NB}: vote${NB}: il faut l’une des valeurs`);
    expect(englishLines(`${review.stdout}\n${review.stderr}`)).toEqual([]);
    const merge = await runBin(['merge', ...heads, '--repo', f.dir, '--at', days(9)], f.dir, FRENCH);
    expect(merge.stdout).toContain('post/salut\u202f: changement (billet), accepté — fusionné');
    expect(merge.stdout).toContain('mais 3 fichiers de bulletin du changement feraient échouer noclout check');
    expect(englishLines(`${merge.stdout}\n${merge.stderr}`)).toEqual([]);
    // A record edited by hand on main: the digest, the body and the reasons no longer follow.
    const record = 'governance/decisions/2026/0001-bonjour.md';
    const written = f.git(['show', `main:${record}`]);
    f.commit({ [record]: written.replace(/no member objected/g, 'nobody objected') });
    const report = await auditRecords(openRepository(f.dir), new GitSource(openRepository(f.dir), 'main', new Date(days(10))), 'main');
    expect(report.findings.map((x) => x.rule)).toEqual(expect.arrayContaining(['audit/edited-by-hand', 'audit/body']));
    for (const finding of report.findings) expect(finding.code, finding.message).toBeDefined();
    const audit = explainAudit(report, "fr");
    expect(audit).toContain(`le procès-verbal ne correspond pas à son empreinte`);
    expect(englishLines(audit)).toEqual([]);
    expect(report.findings.map((x) => auditFindingLine(x, 'en'))).toEqual(report.findings.map((x) => `${x.path}: ${x.message} [${x.rule}]`));
    expect(problemTextIn(report.findings[0]!, 'fr').message).not.toBe(report.findings[0]!.message);
  });
});
