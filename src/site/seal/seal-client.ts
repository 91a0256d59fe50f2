/**
 * The sealing form's script (pages of open sealed votes): reads the vote's round and the frozen
 * policy's beacon from the form's data attribute, seals the member's choice with the commons' own
 * `seal` (src/ballots/sealed.ts: tlock to that round, with the beacon's public key; no request to
 * anyone), and shows the text to paste. An external module bundled by Astro, as the CSP requires;
 * writes only with `textContent` and `value`.
 */
import { seal } from '../../ballots/sealed.ts';
import type { Vote } from '../../commons/schema/ballot.ts';
import { ballotPlaintext, HANDLE, sealedBallotFile, sealedComment, sealedVoteCommand, type SealSetup } from './seal-ballot.ts';

interface SealStrings {
  seal: string;
  sealing: string;
  sealed: string;
  failed: string;
  badHandle: string;
}

const isVote = (value: string): value is Vote => value === 'yes' || value === 'no' || value === 'abstain';

function start(form: HTMLFormElement): void {
  const setup = JSON.parse(form.dataset.seal ?? '{}') as SealSetup;
  const strings = JSON.parse(form.dataset.strings ?? '{}') as SealStrings;
  const part = <T extends Element>(selector: string): T => {
    const element = form.parentElement?.querySelector<T>(selector);
    if (!element) throw new Error(`sealing form: missing ${selector}`);
    return element;
  };
  const button = part<HTMLButtonElement>('[data-seal-submit]');
  const status = part<HTMLElement>('[data-seal-status]');
  const output = part<HTMLElement>('[data-seal-output]');
  const text = part<HTMLTextAreaElement>('[data-sealed-text]');
  const command = part<HTMLElement>('[data-sealed-command]');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const voter = String(data.get('voter') ?? '').trim();
    const vote = String(data.get('vote') ?? '');
    const reason = String(data.get('reason') ?? '');
    if (!HANDLE.test(voter)) {
      status.textContent = strings.badHandle;
      return;
    }
    if (!isVote(vote)) return;
    button.disabled = true;
    status.textContent = strings.sealing;
    output.hidden = true;
    seal(ballotPlaintext(setup.change, { voter, vote, reason }), setup.round, setup.beacon)
      .then((armored) => {
        text.value = setup.place === 'pull-request' ? sealedComment(armored) : sealedBallotFile(armored);
        command.textContent = sealedVoteCommand(setup.change, vote);
        status.textContent = strings.sealed;
        output.hidden = false;
        text.focus();
        text.select();
      })
      .catch((error: unknown) => {
        status.textContent = `${strings.failed} ${error instanceof Error ? error.message : String(error)}`;
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  form.hidden = false;
  part<HTMLElement>('[data-seal-noscript]').hidden = true;
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-seal]')) start(form);
