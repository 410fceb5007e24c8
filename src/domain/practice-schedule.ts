import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';
import type { AttemptEvidence } from './attempt-evidence';

/**
 * What to practise next: spaced repetition (FSRS, through ts-fsrs) over incident type x skill.
 * Every attempt is a review of four cards (its incident type with grading, THRIVE+, safeguarding
 * and information gathering), rated from how it went; a confidently wrong grade is rated Again
 * and moves its card to the front. Cards are derived from the attempts each time (never stored),
 * so the schedule is deterministic given the attempts and `now`. This is the only file that
 * imports ts-fsrs (ESLint enforces it); it stays pure: no clock, no randomness (fuzz off).
 */

export const practiceSkills = ['grading', 'thrive', 'safeguarding', 'information'] as const;
export type PracticeSkill = (typeof practiceSkills)[number];

/** How one attempt went on one skill, as an FSRS rating. */
export type PracticeRating = 'again' | 'hard' | 'good' | 'easy';

/** Only the latest reviews of a card are replayed: older ones barely move the schedule. */
const REPLAYED_REVIEWS = 20;
/** Cards due within this long count as due now: a training session is a day, not a minute. */
export const LEARN_AHEAD_MS = 24 * 60 * 60 * 1000;
/** How many recent calls of a type the reason talks about. */
const REASON_WINDOW = 3;

const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));
const fsrsRating: Record<PracticeRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** A grade given with confidence ("fairly sure" or "certain") that the key did not accept. */
export function isConfidentlyWrong(evidence: AttemptEvidence): boolean {
  const { verdict, confidence } = evidence.grade;
  return (verdict === 'under-graded' || verdict === 'over-graded') && (confidence === 'fairly-sure' || confidence === 'certain');
}

function shareRating(share: number | undefined): PracticeRating | undefined {
  if (share === undefined) return undefined;
  return share >= 0.9 ? 'good' : share >= 0.7 ? 'hard' : 'again';
}

/**
 * Rates one attempt on one skill; undefined when the attempt does not exercise it. Grading: a
 * grade the key accepts is Good (Easy when certain, Hard when guessed or unsure: a lucky guess
 * comes back sooner); a wrong grade is Again, except one level off while unsure or guessing
 * (Hard); no grade is Again. Other skills by the share earned: 90 % Good, 70 % Hard, less Again.
 */
export function practiceRating(evidence: AttemptEvidence, skill: PracticeSkill): PracticeRating | undefined {
  switch (skill) {
    case 'grading': {
      const { verdict, confidence, levelsOff } = evidence.grade;
      if (verdict === 'expected' || verdict === 'acceptable') {
        if (confidence === 'certain') return 'easy';
        return confidence === 'guessing' || confidence === 'unsure' ? 'hard' : 'good';
      }
      if (verdict === 'not-graded') return 'again';
      if (isConfidentlyWrong(evidence)) return 'again';
      return levelsOff <= 1 && (confidence === 'guessing' || confidence === 'unsure') ? 'hard' : 'again';
    }
    case 'thrive':
      return shareRating(evidence.competencies.thrive);
    case 'safeguarding':
      return shareRating(evidence.competencies.safeguarding);
    case 'information':
      return shareRating(evidence.competencies['information-gathering']);
  }
}

/** One incident type x skill card after replaying its reviews. */
export interface PracticeCard {
  readonly incidentType: string;
  readonly skill: PracticeSkill;
  /** ISO time the card is next due. */
  readonly due: string;
  readonly reviews: number;
  /** Again or Hard among the latest {@link REASON_WINDOW} reviews. */
  readonly recentMisses: number;
  /** Confidently wrong grades among the latest {@link REASON_WINDOW} (grading cards only). */
  readonly recentConfidentlyWrong: number;
  /** The attempts behind the latest reviews, newest first. */
  readonly recent: readonly AttemptEvidence[];
}

/**
 * Every card the attempts have reviewed, replayed through FSRS in completion order.
 *
 * @param evidence attempts oldest first.
 */
export function practiceCards(evidence: readonly AttemptEvidence[]): PracticeCard[] {
  interface Reviews {
    readonly incidentType: string;
    readonly skill: PracticeSkill;
    /** Where the card first appears (its first attempt, then skill order): the cards' order. */
    firstSeen: number;
    count: number;
    /** The latest {@link REPLAYED_REVIEWS}, newest first. */
    readonly latest: Array<{ readonly evidence: AttemptEvidence; readonly rating: PracticeRating }>;
  }
  // Newest first, keeping only the reviews a card replays: with 10,000 attempts, a list of every
  // review of every card was 40,000 objects made only to be sliced.
  const byType = new Map<string, Map<PracticeSkill, Reviews>>();
  for (let index = evidence.length - 1; index >= 0; index -= 1) {
    const e = evidence[index]!;
    let bySkill = byType.get(e.incidentType);
    if (!bySkill) byType.set(e.incidentType, (bySkill = new Map()));
    for (let skillIndex = 0; skillIndex < practiceSkills.length; skillIndex += 1) {
      const skill = practiceSkills[skillIndex]!;
      const rating = practiceRating(e, skill);
      if (!rating) continue;
      let reviews = bySkill.get(skill);
      if (!reviews) bySkill.set(skill, (reviews = { incidentType: e.incidentType, skill, firstSeen: 0, count: 0, latest: [] }));
      reviews.firstSeen = index * practiceSkills.length + skillIndex;
      reviews.count += 1;
      if (reviews.latest.length < REPLAYED_REVIEWS) reviews.latest.push({ evidence: e, rating });
    }
  }
  const all = [...byType.values()].flatMap((bySkill) => [...bySkill.values()]).sort((a, b) => a.firstSeen - b.firstSeen);
  return all.map(({ incidentType, skill, count, latest }) => {
    const replayed = [...latest].reverse();
    let card: Card = createEmptyCard(new Date(replayed[0]!.evidence.completedAt));
    for (const review of replayed) card = scheduler.next(card, new Date(review.evidence.completedAt), fsrsRating[review.rating]).card;
    const recent = latest.slice(0, REASON_WINDOW);
    return {
      incidentType,
      skill,
      due: card.due.toISOString(),
      reviews: count,
      recentMisses: recent.filter((r) => r.rating === 'again' || r.rating === 'hard').length,
      recentConfidentlyWrong: skill === 'grading' ? recent.filter((r) => isConfidentlyWrong(r.evidence)).length : 0,
      recent: recent.map((r) => r.evidence),
    };
  });
}

/** A scenario the suggestion can point at. */
export interface PracticeScenario {
  readonly id: string;
  readonly title: string;
  readonly incidentType: string;
}

export interface PracticeSuggestion {
  readonly scenarioId: string;
  readonly scenarioTitle: string;
  readonly incidentType: string;
  readonly skill: PracticeSkill | undefined;
  /** Why, in plain words: "You under-graded 2 of your last 3 mental health calls." */
  readonly reason: string;
}

function calls(n: number, type: string): string {
  return n === 1 ? `your last ${type} call` : `your last ${n} ${type} calls`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The plain-words reason a card is suggested, from its latest attempts. */
export function practiceReason(card: PracticeCard, typeLabel: string): string {
  const n = card.recent.length;
  const last = calls(n, typeLabel);
  const meanShare = (read: (e: AttemptEvidence) => number | undefined) => {
    const values = card.recent.map(read).filter((v): v is number => v !== undefined);
    return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  };
  switch (card.skill) {
    case 'grading': {
      const under = card.recent.filter((e) => e.grade.verdict === 'under-graded').length;
      const over = card.recent.filter((e) => e.grade.verdict === 'over-graded').length;
      const none = card.recent.filter((e) => e.grade.verdict === 'not-graded').length;
      const sure = card.recentConfidentlyWrong > 0 ? `, ${card.recentConfidentlyWrong === 1 ? 'once' : `${card.recentConfidentlyWrong} times`} when you were sure of your grade` : '';
      if (under > 0) return `You under-graded ${under} of ${last}${sure}.`;
      if (over > 0) return `You over-graded ${over} of ${last}${sure}.`;
      if (none > 0) return `You gave no grade on ${none} of ${last}.`;
      if (card.recentMisses > 0) return `Your grades on ${last} were right, but you were not sure of them: practise until you are.`;
      return `Your grading of ${typeLabel} calls is due for review.`;
    }
    case 'thrive':
      return card.recentMisses > 0
        ? `Your THRIVE+ ratings earned ${percent(meanShare((e) => e.competencies.thrive))} on ${last}.`
        : `Your THRIVE+ assessment of ${typeLabel} calls is due for review.`;
    case 'safeguarding':
      return card.recentMisses > 0
        ? `Your safeguarding actions earned ${percent(meanShare((e) => e.competencies.safeguarding))} on ${last}.`
        : `Your safeguarding on ${typeLabel} calls is due for review.`;
    case 'information':
      return card.recentMisses > 0
        ? `You asked ${percent(meanShare((e) => e.competencies['information-gathering']))} of the key questions on ${last}.`
        : `Your questioning on ${typeLabel} calls is due for review.`;
  }
}

/** The scenario of a type to practise: one never tried first, else the least recently tried. */
function scenarioFor(incidentType: string, scenarios: readonly PracticeScenario[], lastTried: ReadonlyMap<string, string>): PracticeScenario | undefined {
  return scenarios
    .filter((s) => s.incidentType === incidentType)
    .sort((a, b) => {
      const ta = lastTried.get(a.id) ?? '';
      const tb = lastTried.get(b.id) ?? '';
      return ta < tb ? -1 : ta > tb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })[0];
}

/**
 * The next scenario to practise, with its reason, or undefined when the library is empty.
 *
 * Order: cards due within a day ({@link LEARN_AHEAD_MS}) first (confidently wrong grades, then most recent misses, then most overdue);
 * then an incident type never practised; then the card due soonest.
 *
 * @param evidence attempts oldest first.
 * @param now the moment the suggestion is for (pass the app clock; tests pin it).
 * @param typeLabel an incident type in words, e.g. "mental health".
 */
/** "a burglary", "an anti-social behaviour": the article English wants before the incident type. */
function withArticle(words: string): string {
  return `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
}

export function nextScenario(
  evidence: readonly AttemptEvidence[],
  scenarios: readonly PracticeScenario[],
  now: Date,
  typeLabel: (incidentType: string) => string,
): PracticeSuggestion | undefined {
  const available = new Set(scenarios.map((s) => s.incidentType));
  const cards = practiceCards(evidence).filter((c) => available.has(c.incidentType));
  const lastTried = new Map<string, string>();
  for (const e of evidence) lastTried.set(e.scenarioId, e.completedAt);
  const at = new Date(now.getTime() + LEARN_AHEAD_MS).toISOString();
  const byPriority = (a: PracticeCard, b: PracticeCard) =>
    b.recentConfidentlyWrong - a.recentConfidentlyWrong ||
    b.recentMisses - a.recentMisses ||
    (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) ||
    (a.incidentType < b.incidentType ? -1 : a.incidentType > b.incidentType ? 1 : practiceSkills.indexOf(a.skill) - practiceSkills.indexOf(b.skill));
  const suggest = (card: PracticeCard, reason: string): PracticeSuggestion | undefined => {
    const scenario = scenarioFor(card.incidentType, scenarios, lastTried);
    return scenario && { scenarioId: scenario.id, scenarioTitle: scenario.title, incidentType: card.incidentType, skill: card.skill, reason };
  };
  const due = cards.filter((c) => c.due <= at).sort(byPriority);
  if (due[0]) return suggest(due[0], practiceReason(due[0], typeLabel(due[0].incidentType)));

  const practised = new Set(evidence.map((e) => e.incidentType));
  const fresh = scenarios.filter((s) => !practised.has(s.incidentType)).sort((a, b) => (a.incidentType < b.incidentType ? -1 : a.incidentType > b.incidentType ? 1 : a.id < b.id ? -1 : 1))[0];
  if (fresh) {
    const scenario = scenarioFor(fresh.incidentType, scenarios, lastTried)!;
    return { scenarioId: scenario.id, scenarioTitle: scenario.title, incidentType: scenario.incidentType, skill: undefined, reason: `You have not practised ${withArticle(typeLabel(scenario.incidentType))} call yet.` };
  }

  const soonest = [...cards].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : byPriority(a, b)))[0];
  if (!soonest) return undefined;
  return suggest(soonest, `${practiceReason(soonest, typeLabel(soonest.incidentType))} Its next review is due on ${soonest.due.slice(0, 10)}: practising early does no harm.`);
}
