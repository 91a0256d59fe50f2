/**
 * What "an engagement number" looks like in built HTML: a count beside likes, views, followers,
 * shares, votes-as-score or reactions (in English or French), or a section, class or id named
 * popular / trending / top posts. Explanatory prose that merely names these words (our own
 * "nothing is ranked by likes") is not a finding: a finding is a number or a ranking section.
 */
const WORDS = String.raw`(?:likes?|j['’]aime|views?|vues?|lectures?|followers?|abonnés?|abonné·es|shares?|partages?|reactions?|réactions?|claps?|upvotes?|karma|points?|stars?|étoiles?)`;
const COUNT = String.raw`\d[\d\s.,]*\s*[kKmM]?`;

const RULES: { name: string; pattern: RegExp }[] = [
  { name: 'count before an engagement word', pattern: new RegExp(String.raw`(?:^|[^\w-])${COUNT}\s*${WORDS}\b`, 'iu') },
  { name: 'engagement word followed by a count', pattern: new RegExp(String.raw`\b${WORDS}\s*[:=]\s*${COUNT}`, 'iu') },
  { name: 'popular or trending section', pattern: /<h[1-6][^>]*>[^<]*(?:popular|populaires?|trending|tendances?|top posts|meilleurs billets|most read|les plus lus)[^<]*<\/h[1-6]>/iu },
  { name: 'popular or trending class or id', pattern: /\b(?:class|id)="[^"]*(?:popular|trending|like-count|view-count|follower|leaderboard)[^"]*"/iu },
];

export interface EngagementFinding {
  rule: string;
  excerpt: string;
}

/** Findings in one page; text of the page is read with tags removed, attributes kept for the class/id rule. */
export function engagementFindings(html: string): EngagementFinding[] {
  const text = html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;|\s+/g, ' ');
  const findings: EngagementFinding[] = [];
  for (const { name, pattern } of RULES) {
    const subject = name.includes('section') || name.includes('class') ? html : text;
    const match = pattern.exec(subject);
    if (match) findings.push({ rule: name, excerpt: subject.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40) });
  }
  return findings;
}
