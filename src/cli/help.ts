/**
 * Every `--help` text of `noclout`, and each command's one-line summary, in English and French
 * (issue 12). The French has the same keys (`satisfies typeof en`) and keeps what a person types
 * word for word: command names, options and their placeholders (`--repo DIR`). French typography:
 * U+202F before `; : ! ?` and inside « ».
 */
import type { TextLanguage } from '../commons/texts/index.ts';

const NB = '\u202f';

/** The subcommands, in the order the help lists them. */
export type CommandName = 'init' | 'check' | 'new' | 'join' | 'vote' | 'what-if' | 'review' | 'merge' | 'audit';

const en = {
  summary: {
    init: 'found a commons here: commons.yml, policy, a first rule, you as founder',
    check: 'validate the commons or the files given',
    new: 'write a new post, proposal or rule to start from',
    join: 'prepare a membership change (a member signs it for the newcomer)',
    vote: 'cast your signed ballot on a change and push it',
    review: 'judge changes by the written policy, without merging',
    merge: 'judge changes and merge the accepted ones, writing decision records',
    audit: 'replay every decision record and report any that does not follow',
    'what-if': 'replay every recorded decision under a proposed policy',
  },
  main: (commands: string) =>
    [
      'noclout — a publishing commons kept in git, judged by its written policy',
      '',
      'Usage: noclout <command> [options]',
      '',
      'Commands:',
      commands,
      '',
      'Options for every command: --repo DIR, --format text|json, --lang en|fr, --at <ISO time>, --help',
      'Human output (help and errors included) follows the locale (LC_ALL, LC_MESSAGES, LANG: fr* is',
      'French) unless --lang says; JSON is English.',
      'Without --repo, a command works on the commons around the current folder: the nearest',
      "folder at or above it holding governance/commons.yml (the bot's commands: holding .git).",
      "Run `noclout <command> --help` for a command's own options.",
    ].join('\n'),
  init: `Usage: noclout init [options]

Found a commons in DIR (default: the current directory): this repository, or
an empty folder (git init is run there). Writes governance/commons.yml,
governance/policy.md (default numbers, with the reason for each),
governance/rules/respect.md, governance/members.yml with you as the founder,
removes the demo's posts, proposals, rules, ballots and decisions, and commits
"Found <name>". On a terminal it asks for what is missing; otherwise every
required option must be given.

Options:
  --name TEXT               the commons' name (required)
  --description TEXT        what it is, in the default language (required)
  --description-LANG TEXT   the description in another language (--description-fr …)
  --languages fr,en         its languages (default: en)
  --default-language CODE   the first of them unless given
  --site URL                where the site is published (required)
  --repository URL          the repository's web address, https://… (required):
                            where the site links for source and contributing; not
                            the git address you push to (server:/srv/x.git)
  --handle HANDLE           your handle: lowercase letters, digits, hyphens (required)
  --member-name TEXT        your name (default: git config user.name)
  --key KEY                 your SSH public key: a file or the key line
                            (default: ssh-agent's first ed25519 key, then ~/.ssh/*.pub)
  --github LOGIN            your GitHub login (with --github-id)
  --github-id NUMBER        your GitHub numeric user id (https://api.github.com/users/LOGIN)
  --signing yes|no          set this clone up for SSH-signed commits (default: yes
                            on a terminal, no otherwise)
  --keep-demo               keep the demo's content and people beside yours
  --force                   replace a commons that has its own members or decision
                            records (erases that community's files from the tree;
                            git history keeps them)
  --repo DIR, --format text|json

Exit codes: 0 founded, 1 refused (existing commons, invalid answer), 2 usage error.`,
  check: `Usage: noclout check [PATH…] [--base main] [--repo DIR] [--format text|json] [--lang en|fr]

Validate the commons in DIR (default: the commons around the current folder,
found by walking up to governance/commons.yml), or only the files or folders
given. A moderation deletes the post it hides: the post its proposal
names may be in this tree, in git's HEAD, or on the base branch (--base, a
branch or commit id; default main and origin/main), when DIR is a git repository. Every problem is printed as

  path:line:col: message [rule]

with a hint where one helps. Rules are documented in docs/formats/.
Problems and summaries are in French when the locale is French (LC_ALL,
LC_MESSAGES, then LANG starting with fr) or --lang fr; JSON is English.

Exit codes: 0 valid, 1 problems found, 2 usage error.`,
  new: `Usage: noclout new post|proposal|rule "<title>" [options]

Write a new post (content/posts/<year>/<slug>.md), proposal
(content/proposals/<slug>.md) or rule (governance/rules/<slug>.md) with valid
front matter. The slug comes from the title with accents folded ("Égalité des
voix" → egalite-des-voix) and Greek or Cyrillic letters spelt in Latin ones
("Привет мир" → privet-mir); for a title in another script, give the file name
with --slug. Existing files are never overwritten.

A rule enters the charter through a proposal in the same change: write the
rule (noclout new rule), then the proposal, whose rules: names it. By default a
proposal names every rule file that differs from main in this clone (new or
edited); --rules names them yourself.

Options:
  --author HANDLE   your handle in governance/members.yml (posts, proposals)
                    (default: git config noclout.author, then user.name if it is a handle)
  --lang CODE       language of the text (default: the commons' defaultLanguage)
  --tags a,b        tags for a post
  --reply-to ID     the post this one answers, as <year>/<slug>
  --rules a,b       for a proposal: the rules it adds or amends (slugs of governance/rules/)
  --moderates ID    for a proposal: hide the published post ID (<year>/<slug>),
                    with --rule SLUG, the rule it breaks; prints the git rm that
                    removes the post in the same change
  --appeals ID      for a proposal: contest the moderation decision ID
                    (<year>/<nnnn>-<slug>); prints the git checkout that
                    restores the post exactly as it was hidden
  --slug SLUG       use this file name instead of one made from the title
  --repo DIR, --format text|json, --at <ISO time> (sets "today")

Here --lang is the text's language: what new prints follows the locale.

Exit codes: 0 written, 1 refused (file exists, unknown author…), 2 usage error.`,
  join: `Usage: noclout join [--handle HANDLE] [--name TEXT] [--key KEY] [--sponsor MEMBER]
       noclout join --for HANDLE --name TEXT --key "ssh-ed25519 AAAA…"

Joining is a membership change: governance/members.yml gains an entry, with a
proposal (content/proposals/join-<handle>.md) that explains it, voted under
voting.membership. The bot takes a change's author from the member who signed
it, so a member opens it:

1. You, the newcomer, run noclout join. It finds your SSH key (--key, else
   ssh-agent, else ~/.ssh/*.pub) and your name (git config user.name) and
   prints the line to send to a member.
2. The member runs that line, noclout join --for <handle> …, in their clone:
   it writes branch member/<handle>, one commit signed with their key, without
   touching their checkout, and says how to push it.

On GitHub, --sponsor MEMBER lets you write that branch yourself (unsigned,
author: MEMBER): push it to your fork, and MEMBER opens the pull request from
it (the bot counts who opens a pull request).

Options:
  --handle HANDLE     the handle to join as (default: from git config user.name)
  --name TEXT         the name shown for you (default: git config user.name)
  --key KEY           the joining person's SSH public key: a file or the key line
  --github LOGIN      their GitHub login, with --github-id NUMBER
  --github-id NUMBER  their GitHub numeric user id (https://api.github.com/users/LOGIN)
  --for HANDLE        run by a member: propose HANDLE, signing with your key
                      (git config user.signingkey, else ssh-agent, else ~/.ssh)
  --sponsor MEMBER    run by the newcomer: write the branch with author MEMBER
  --base BRANCH       the branch the change is made from (default: commons.yml's, main)
  --repo DIR, --format text|json, --at <ISO time>

Exit codes: 0 prepared (or request printed), 1 refused, 2 usage error.`,
  vote: `Usage: noclout vote <change> yes|no|abstain [--reason TEXT] [--rule SLUG] [--sealed] [options]

Cast your ballot on a change: write governance/ballots/<change>/<handle>.yml,
commit it signed with your SSH key (gpg.format=ssh, as the bot verifies), on
the change's branch, and push it. Your checkout is never touched: the commit
is built aside and only the branch moves.

<change> is the slug of the post or proposal voted on (its file name without
.md); the branch that adds it is found among your branches and your remote's.
If someone voted at the same moment and the push is refused, the ballots are
joined by a merge that adds nothing of its own and the push is tried again:
nothing is rebased, so every ballot keeps its voter's signature. If the text
of the change moved meanwhile, nothing is pushed: read it and vote again.

Options:
  --reason TEXT    why (published in the decision record, dissent included)
  --rule SLUG      the rule a post breaks (a "no" with a rule is an objection)
  --sealed         seal the ballot until the close (time-locked to the beacon's
                   round at the close: nobody can read it before); automatic
                   when the policy frozen for the change seals its vote
  --handle HANDLE  whose ballot (default: the member whose key signs)
  --key KEY        the key to sign with: a key file, its .pub, or
                   key::ssh-ed25519 AAAA… (default: git config user.signingkey,
                   else your one member key in ssh-agent or ~/.ssh)
  --branch NAME    the change's branch, when several add that slug
  --remote NAME    where to push (default: origin, or the only remote)
  --no-push        commit only, and print the exact push command
  --base NAME      the branch changes are merged into (default: main)
  --repo DIR, --format text|json

Exit codes: 0 cast (or already cast), 1 refused (not a member, text changed,
push refused…), 2 usage error.`,
  review: `Usage: noclout review <head>… [--base main] [--source git|github] [--repo DIR] [--at <ISO time>] [--format text|json]

Judge each change (a branch or commit) against the base branch, by the policy
and roster frozen when the bot first saw it, without merging. The first review
of a change records its opening in the ledger (refs/noclout/ledger).

Prints the decision (accept, reject, pending, invalid, manual), the reasons,
the tally and deadline, every ballot and whether it counted, the problems, and
what to do next. --format json prints one judgement, or { "results": [...] }.

--source github: heads are pull-request numbers (12 or "#12"), read through
GitHub's API from GITHUB_API_URL, GITHUB_REPOSITORY and GITHUB_TOKEN (as in a
GitHub Actions job); each head commit must already be fetched (refs/pull/N/head).
The judgement is also written to GITHUB_STEP_SUMMARY when it is set.

Exit codes: 0 judged (accept, pending, manual), 1 a change is invalid or rejected, 2 usage error.`,
  merge: `Usage: noclout merge [<head>…] [--base main] [--dry-run] [--source git|github] [--repo DIR] [--at <ISO time>] [--format text|json]

Judge each change and act on the final ones: an accepted change is merged into
the base branch with its decision record; a rejected one gets its record alone.
With no head, every open change (every branch other than the base) is taken in
name order. The base moves by compare-and-swap, so runs at the same time never
lose an update; running twice changes nothing the second time.
--dry-run judges and prints without writing anything (not even openings).

When the base is the branch checked out here, its files and index are updated
with each merge (as git's updateInstead does); if they have local changes,
merge refuses before writing anything (merge/dirty-checkout).

--source github: changes are the open pull requests against the base (heads
are their numbers), read through GitHub's API from GITHUB_API_URL,
GITHUB_REPOSITORY and GITHUB_TOKEN; their head commits must already be fetched
(refs/pull/N/head). After merging locally it pushes refs/noclout/ledger and the
base to origin, each only if origin still holds what was judged, then updates
one judgement comment per pull request and closes the rejected ones.

Exit codes: 0 done, 1 a change is invalid or rejected, or the base could not
be moved (merge/dirty-checkout, merge/locked, merge/contention; with --format
json, stdout holds { "ok": false, "error": { "code", "message" } }), 2 usage error.`,
  audit: `Usage: noclout audit [--base main] [--remote NAME] [--no-fetch] [--repo DIR] [--format text|json]

Replay every decision record on the base branch from git history alone: the
change's commits, the policy and roster frozen at its opening (from the ledger,
refs/noclout/ledger) and its ballots. Reports each record that was edited by
hand or whose outcome, tally, ballots, rule, clock or merge does not follow.

git clone does not fetch the ledger: when records name changes the ledger here
has no opening for, audit first runs
  git fetch origin refs/noclout/ledger:refs/noclout/ledger
(fast-forward only; --remote names another remote, --no-fetch skips it) and
says what it did.

Exit codes: 0 every record follows, 1 findings, 2 usage error.`,
  'what-if': `Usage: noclout what-if <policy file | change> [--base main] [--repo DIR] [--format text|json]

Replay every decision record on the base branch under a proposed policy: the
numbers of a governance/policy.md file you name, or of the one a change edits
(a branch, a commit, or the slug of an open proposal the ledger knows). Each
decision is replayed with the same ballots and the same clock: quorum,
threshold, days and closeEarly of each kind of vote, and the posts'
objectionHours and maxPerAuthorPerWeek.

Lists the decisions whose outcome would differ, then those that would have
closed earlier or later, each with its tally and close under both policies,
then those the records cannot tell (a record written before ballots kept their
times cannot be replayed under another days or closeEarly). A result that
assumes nobody would have voted after the record was written says so.
See docs/voting.md, "What would this policy have decided?".

Exit codes: 0 replayed (whatever it finds), 1 the proposed policy does not
read (its problems are printed), 2 usage error.`,
};

const fr = {
  summary: {
    init: `fonder un commun ici${NB}: commons.yml, politique, une première règle, vous comme fondateur ou fondatrice`,
    check: 'valider le commun ou les fichiers donnés',
    new: 'écrire un nouveau billet, une proposition ou une règle, prêts à compléter',
    join: 'préparer un changement d’adhésion (un membre le signe pour la nouvelle personne)',
    vote: 'déposer votre bulletin signé sur un changement et le pousser',
    review: 'juger des changements selon la politique écrite, sans fusionner',
    merge: 'juger des changements et fusionner ceux qui sont acceptés, en consignant les décisions',
    audit: 'rejouer chaque décision consignée et signaler celles qui ne s’ensuivent pas',
    'what-if': 'rejouer chaque décision consignée selon une politique proposée',
  },
  main: (commands) =>
    [
      'noclout — un commun de publication tenu dans git, jugé selon sa politique écrite',
      '',
      `Utilisation${NB}: noclout <commande> [options]`,
      '',
      `Commandes${NB}:`,
      commands,
      '',
      `Options de toutes les commandes${NB}: --repo DIR, --format text|json, --lang en|fr, --at <heure ISO>, --help`,
      'Ce qui est écrit pour les personnes (aide et erreurs comprises) suit la locale (LC_ALL,',
      `LC_MESSAGES, LANG${NB}: fr* donne le français), sauf avis contraire de --lang${NB}; le JSON reste en anglais.`,
      `Sans --repo, une commande travaille sur le commun autour du dossier courant${NB}: le dossier le`,
      'plus proche, lui-même ou au-dessus, qui contient governance/commons.yml (pour les commandes du',
      `bot${NB}: qui contient .git).`,
      'Lancez `noclout <commande> --help` pour les options propres à une commande.',
    ].join('\n'),
  init: `Utilisation${NB}: noclout init [options]

Fonde un commun dans DIR (par défaut${NB}: le dossier courant)${NB}: ce dépôt, ou un
dossier vide (git init y est lancé). Écrit governance/commons.yml,
governance/policy.md (les nombres par défaut, avec la raison de chacun),
governance/rules/respect.md, governance/members.yml avec vous comme fondateur
ou fondatrice, retire les billets, propositions, règles, bulletins et décisions
de la démo, et fait le commit «${NB}Found <nom>${NB}». Dans un terminal, il demande ce
qui manque${NB}; sinon, chaque option requise doit être donnée.

Options${NB}:
  --name TEXT               le nom du commun (requis)
  --description TEXT        ce qu’il est, dans la langue par défaut (requis)
  --description-LANG TEXT   la description dans une autre langue (--description-fr …)
  --languages fr,en         ses langues (par défaut${NB}: en)
  --default-language CODE   la première d’entre elles, sauf indication
  --site URL                où le site est publié (requis)
  --repository URL          l’adresse web du dépôt, https://… (requis)${NB}: là où le
                            site renvoie pour la source et pour contribuer${NB}; pas
                            l’adresse git où vous poussez (serveur:/srv/x.git)
  --handle HANDLE           votre identifiant${NB}: lettres minuscules, chiffres, tirets (requis)
  --member-name TEXT        votre nom (par défaut${NB}: git config user.name)
  --key KEY                 votre clé publique SSH${NB}: un fichier ou la ligne de la clé
                            (par défaut${NB}: la première clé ed25519 de ssh-agent, puis ~/.ssh/*.pub)
  --github LOGIN            votre identifiant GitHub (avec --github-id)
  --github-id NUMBER        le numéro de votre compte GitHub (https://api.github.com/users/LOGIN)
  --signing yes|no          préparer ce clone pour des commits signés par SSH (par
                            défaut${NB}: yes dans un terminal, no sinon)
  --keep-demo               garder le contenu et les personnes de la démo à côté des vôtres
  --force                   remplacer un commun qui a ses propres membres ou décisions
                            consignées (efface de l’arbre les fichiers de cette
                            communauté${NB}; l’historique git les garde)
  --repo DIR, --format text|json

Codes de sortie${NB}: 0 fondé, 1 refusé (commun existant, réponse invalide), 2 erreur d’utilisation.`,
  check: `Utilisation${NB}: noclout check [PATH…] [--base main] [--repo DIR] [--format text|json] [--lang en|fr]

Valide le commun situé dans DIR (par défaut${NB}: le commun autour du dossier
courant, trouvé en remontant jusqu’à governance/commons.yml), ou seulement les
fichiers ou dossiers donnés. Une modération supprime le billet qu’elle masque${NB}:
le billet que nomme sa proposition peut être dans cet arbre, dans le HEAD de
git ou sur la branche de base (--base, une branche ou un identifiant de commit${NB};
par défaut main et origin/main), quand DIR est un dépôt git. Chaque problème
est affiché ainsi

  chemin:ligne:colonne: message [règle]

avec un conseil quand il aide. Les règles sont documentées dans docs/formats/.
Problèmes et bilans sont en français quand la locale est française (LC_ALL,
LC_MESSAGES, puis LANG commençant par fr) ou avec --lang fr${NB}; le JSON reste en anglais.

Codes de sortie${NB}: 0 valide, 1 problèmes trouvés, 2 erreur d’utilisation.`,
  new: `Utilisation${NB}: noclout new post|proposal|rule "<titre>" [options]

Écrit un nouveau billet (content/posts/<année>/<slug>.md), une proposition
(content/proposals/<slug>.md) ou une règle (governance/rules/<slug>.md) avec un
en-tête valide. Le slug vient du titre, accents retirés («${NB}Égalité des voix${NB}»
→ egalite-des-voix), lettres grecques ou cyrilliques écrites en lettres latines
(«${NB}Привет мир${NB}» → privet-mir)${NB}; pour un titre dans une autre écriture, donnez
le nom de fichier avec --slug. Un fichier existant n’est jamais écrasé.

Une règle entre dans la charte par une proposition dans le même changement${NB}:
écrivez la règle (noclout new rule), puis la proposition, dont le champ rules:
la nomme. Par défaut, une proposition nomme chaque fichier de règle qui diffère
de main dans ce clone (nouveau ou modifié)${NB}; --rules les nomme vous-même.

Options${NB}:
  --author HANDLE   votre identifiant dans governance/members.yml (billets, propositions)
                    (par défaut${NB}: git config noclout.author, puis user.name s’il en est un)
  --lang CODE       la langue du texte (par défaut${NB}: defaultLanguage du commun)
  --tags a,b        les étiquettes d’un billet
  --reply-to ID     le billet auquel celui-ci répond, sous la forme <année>/<slug>
  --rules a,b       pour une proposition${NB}: les règles qu’elle ajoute ou modifie (slugs de governance/rules/)
  --moderates ID    pour une proposition${NB}: masquer le billet publié ID (<année>/<slug>),
                    avec --rule SLUG, la règle qu’il enfreint${NB}; affiche le git rm qui
                    retire le billet dans le même changement
  --appeals ID      pour une proposition${NB}: contester la décision de modération ID
                    (<année>/<nnnn>-<slug>)${NB}; affiche le git checkout qui
                    rétablit le billet exactement tel qu’il a été masqué
  --slug SLUG       utiliser ce nom de fichier plutôt que celui tiré du titre
  --repo DIR, --format text|json, --at <heure ISO> (fixe «${NB}aujourd’hui${NB}»)

Ici --lang est la langue du texte${NB}: ce qu’affiche new suit la locale.

Codes de sortie${NB}: 0 écrit, 1 refusé (le fichier existe, auteur inconnu…), 2 erreur d’utilisation.`,
  join: `Utilisation${NB}: noclout join [--handle HANDLE] [--name TEXT] [--key KEY] [--sponsor MEMBER]
              noclout join --for HANDLE --name TEXT --key "ssh-ed25519 AAAA…"

Adhérer est un changement d’adhésion${NB}: governance/members.yml gagne une entrée,
avec une proposition (content/proposals/join-<handle>.md) qui l’explique, votée
selon voting.membership. Le bot prend l’auteur d’un changement dans le membre
qui l’a signé${NB}: c’est donc un membre qui l’ouvre.

1. Vous, la nouvelle personne, lancez noclout join. Il trouve votre clé SSH
   (--key, sinon ssh-agent, sinon ~/.ssh/*.pub) et votre nom (git config
   user.name), et affiche la ligne à envoyer à un membre.
2. Le membre lance cette ligne, noclout join --for <handle> …, dans son clone${NB}:
   elle écrit la branche member/<handle>, un commit signé de sa clé, sans
   toucher à sa copie de travail, et dit comment la pousser.

Sur GitHub, --sponsor MEMBER vous laisse écrire cette branche vous-même (non
signée, auteur${NB}: MEMBER)${NB}: poussez-la sur votre fork, et MEMBER ouvre la pull
request depuis celle-ci (le bot compte qui ouvre une pull request).

Options${NB}:
  --handle HANDLE     l’identifiant sous lequel adhérer (par défaut${NB}: tiré de git config user.name)
  --name TEXT         le nom affiché pour vous (par défaut${NB}: git config user.name)
  --key KEY           la clé publique SSH de la personne qui adhère${NB}: un fichier ou la ligne de la clé
  --github LOGIN      son identifiant GitHub, avec --github-id NUMBER
  --github-id NUMBER  le numéro de son compte GitHub (https://api.github.com/users/LOGIN)
  --for HANDLE        lancé par un membre${NB}: proposer HANDLE, en signant de votre clé
                      (git config user.signingkey, sinon ssh-agent, sinon ~/.ssh)
  --sponsor MEMBER    lancé par la nouvelle personne${NB}: écrire la branche avec MEMBER pour auteur
  --base BRANCH       la branche d’où part le changement (par défaut${NB}: celle de commons.yml, main)
  --repo DIR, --format text|json, --at <heure ISO>

Codes de sortie${NB}: 0 préparé (ou demande affichée), 1 refusé, 2 erreur d’utilisation.`,
  vote: `Utilisation${NB}: noclout vote <changement> yes|no|abstain [--reason TEXT] [--rule SLUG] [--sealed] [options]

Dépose votre bulletin sur un changement${NB}: écrit governance/ballots/<changement>/<handle>.yml,
en fait un commit signé de votre clé SSH (gpg.format=ssh, comme le bot le
vérifie) sur la branche du changement, et le pousse. Votre copie de travail
n’est jamais touchée${NB}: le commit est construit à part et seule la branche avance.

<changement> est le slug du billet ou de la proposition mis au vote (son nom de
fichier sans .md)${NB}; la branche qui l’ajoute est cherchée parmi vos branches et
celles de votre dépôt distant. Si quelqu’un a voté au même moment et que la
poussée est refusée, les bulletins sont joints par une fusion qui n’ajoute rien
d’elle-même, et la poussée est retentée${NB}: rien n’est rebasé, chaque bulletin
garde donc la signature de son votant. Si le texte du changement a bougé entre-
temps, rien n’est poussé${NB}: relisez-le et votez à nouveau.

Options${NB}:
  --reason TEXT    pourquoi (publié dans la décision consignée, désaccords compris)
  --rule SLUG      la règle qu’un billet enfreint (un «${NB}no${NB}» avec une règle est une objection)
  --sealed         sceller le bulletin jusqu’à la clôture (verrouillé dans le temps
                   sur le tour de la balise à la clôture${NB}: personne ne peut le
                   lire avant)${NB}; automatique quand la politique figée pour le
                   changement scelle son vote
  --handle HANDLE  le bulletin de qui (par défaut${NB}: le membre dont la clé signe)
  --key KEY        la clé qui signe${NB}: un fichier de clé, son .pub, ou
                   key::ssh-ed25519 AAAA… (par défaut${NB}: git config user.signingkey,
                   sinon votre seule clé de membre dans ssh-agent ou ~/.ssh)
  --branch NAME    la branche du changement, quand plusieurs ajoutent ce slug
  --remote NAME    où pousser (par défaut${NB}: origin, ou le seul dépôt distant)
  --no-push        faire le commit seulement, et afficher la commande exacte pour le pousser
  --base NAME      la branche où les changements sont fusionnés (par défaut${NB}: main)
  --repo DIR, --format text|json

Codes de sortie${NB}: 0 déposé (ou déjà déposé), 1 refusé (pas membre, texte modifié,
poussée refusée…), 2 erreur d’utilisation.`,
  review: `Utilisation${NB}: noclout review <tête>… [--base main] [--source git|github] [--repo DIR] [--at <heure ISO>] [--format text|json]

Juge chaque changement (une branche ou un commit) par rapport à la branche de
base, selon la politique et la liste des membres figées quand le bot l’a vu pour
la première fois, sans fusionner. Le premier examen d’un changement consigne son
ouverture dans le registre (refs/noclout/ledger).

Affiche la décision (accept, reject, pending, invalid, manual), les raisons, le
décompte et l’échéance, chaque bulletin et s’il a compté, les problèmes, et la
suite. --format json affiche un jugement, ou { "results": [...] }.

--source github${NB}: les têtes sont des numéros de pull request (12 ou "#12"), lues
par l’API de GitHub avec GITHUB_API_URL, GITHUB_REPOSITORY et GITHUB_TOKEN (comme
dans un job GitHub Actions)${NB}; le commit de chaque tête doit déjà être récupéré
(refs/pull/N/head). Le jugement est aussi écrit dans GITHUB_STEP_SUMMARY quand
cette variable existe.

Codes de sortie${NB}: 0 jugé (accept, pending, manual), 1 un changement est invalide ou rejeté, 2 erreur d’utilisation.`,
  merge: `Utilisation${NB}: noclout merge [<tête>…] [--base main] [--dry-run] [--source git|github] [--repo DIR] [--at <heure ISO>] [--format text|json]

Juge chaque changement et agit sur ceux qui sont tranchés${NB}: un changement accepté
est fusionné dans la branche de base avec sa décision consignée${NB}; un changement
rejeté reçoit sa décision seule. Sans tête, chaque changement ouvert (chaque
branche autre que la base) est pris dans l’ordre des noms. La base avance par
comparaison-échange (compare-and-swap)${NB}: des passages simultanés ne perdent
jamais une mise à jour, et un second passage ne change rien.
--dry-run juge et affiche sans rien écrire (pas même les ouvertures).

Quand la base est la branche extraite ici, ses fichiers et son index sont mis
à jour à chaque fusion (comme le fait updateInstead de git)${NB}; s’ils ont des
modifications locales, merge refuse avant de rien écrire (merge/dirty-checkout).

--source github${NB}: les changements sont les pull requests ouvertes vers la base
(les têtes sont leurs numéros), lues par l’API de GitHub avec GITHUB_API_URL,
GITHUB_REPOSITORY et GITHUB_TOKEN${NB}; leurs commits de tête doivent déjà être
récupérés (refs/pull/N/head). Après la fusion locale, il pousse
refs/noclout/ledger et la base vers origin, chacun seulement si origin contient
encore ce qui a été jugé, puis met à jour un commentaire de jugement par pull
request et ferme celles qui sont rejetées.

Codes de sortie${NB}: 0 fait, 1 un changement est invalide ou rejeté, ou la base n’a
pas pu avancer (merge/dirty-checkout, merge/locked, merge/contention${NB}; avec
--format json, la sortie standard contient { "ok": false, "error": { "code", "message" } }),
2 erreur d’utilisation.`,
  audit: `Utilisation${NB}: noclout audit [--base main] [--remote NAME] [--no-fetch] [--repo DIR] [--format text|json]

Rejoue chaque décision consignée sur la branche de base à partir du seul
historique git${NB}: les commits du changement, la politique et la liste des membres
figées à son ouverture (d’après le registre, refs/noclout/ledger) et ses
bulletins. Signale chaque décision modifiée à la main, ou dont le résultat, le
décompte, les bulletins, la règle, l’horloge ou la fusion ne s’ensuivent pas.

git clone ne récupère pas le registre${NB}: quand des décisions nomment des
changements dont le registre d’ici n’a pas l’ouverture, audit lance d’abord
  git fetch origin refs/noclout/ledger:refs/noclout/ledger
(en avance rapide seulement${NB}; --remote nomme un autre dépôt distant, --no-fetch
s’en passe) et dit ce qu’il a fait.

Codes de sortie${NB}: 0 chaque décision s’ensuit, 1 constats, 2 erreur d’utilisation.`,
  'what-if': `Utilisation${NB}: noclout what-if <fichier de politique | changement> [--base main] [--repo DIR] [--format text|json]

Rejoue chaque décision consignée sur la branche de base selon une politique
proposée${NB}: les nombres d’un fichier governance/policy.md que vous nommez, ou de
celui que modifie un changement (une branche, un commit, ou le nom d’une
proposition ouverte que le registre connaît). Chaque décision est rejouée avec
les mêmes bulletins et la même horloge${NB}: quorum, seuil, durée (days) et
closeEarly de chaque sorte de vote, et objectionHours et maxPerAuthorPerWeek
des billets.

Liste les décisions qui auraient été tranchées autrement, puis celles qui
auraient été closes plus tôt ou plus tard, chacune avec son décompte et sa
clôture selon les deux politiques, puis celles que les procès-verbaux ne
permettent pas de rejouer (un procès-verbal écrit avant que les bulletins
gardent leur heure ne peut pas être rejoué sous une autre durée ni closeEarly).
Un résultat qui suppose que personne n’aurait voté après l’écriture du
procès-verbal le dit. Voir docs/voting.md, «${NB}What would this policy have decided?${NB}».

Codes de sortie${NB}: 0 rejoué (quoi qu’il trouve), 1 la politique proposée ne se
lit pas (ses problèmes sont affichés), 2 erreur d’usage.`,
} satisfies typeof en;

const HELP: Record<TextLanguage, typeof en> = { en, fr };

/** A command's `--help` text in a language. */
export function commandHelp(name: CommandName, lang: TextLanguage): string {
  return HELP[lang][name];
}

/** `noclout --help`: the commands, each with its summary, in the order given. */
export function mainHelp(lang: TextLanguage, names: readonly CommandName[]): string {
  const width = Math.max(...names.map((name) => name.length));
  return HELP[lang].main(names.map((name) => `  ${name.padEnd(width)}  ${HELP[lang].summary[name]}`).join('\n'));
}
