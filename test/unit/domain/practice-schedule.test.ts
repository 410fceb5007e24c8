import { describe, expect, it } from 'vitest';
import { nextScenario, practiceCards, practiceRating, type PracticeScenario } from '../../../src/domain/practice-schedule';
import { evidenceAt } from './progress-evidence-builder';

const scenarios: PracticeScenario[] = [
  { id: 'dv-whispered-999', title: 'Whispered 999', incidentType: 'domestic-abuse' },
  { id: 'silent-999-55', title: 'Silent 999', incidentType: 'domestic-abuse' },
  { id: 'mental-health-knife-999', title: 'Knife', incidentType: 'mental-health' },
  { id: 'bridge-mental-health-999', title: 'Bridge', incidentType: 'mental-health' },
  { id: 'bike-theft-rwd-101', title: 'Bike', incidentType: 'burglary' },
];
const label = (type: string) => type.replace(/-/g, ' ');
const at = (iso: string) => iso;

describe('practiceRating for grading', () => {
  it.each([
    // [verdict, levels off, confidence, rating]
    ['expected', 0, undefined, 'good'],
    ['expected', 0, 'certain', 'easy'],
    ['acceptable', 0, 'fairly-sure', 'good'],
    ['expected', 0, 'guessing', 'hard'],
    ['under-graded', 1, 'unsure', 'hard'],
    ['under-graded', 2, 'unsure', 'again'],
    ['under-graded', 1, undefined, 'again'],
    ['under-graded', 1, 'certain', 'again'],
    ['over-graded', 1, 'fairly-sure', 'again'],
    ['not-graded', 0, undefined, 'again'],
  ] as const)('%s by %i, %s → %s', (verdict, levelsOff, confidence, rating) => {
    expect(practiceRating(evidenceAt('2026-03-01T10:00:00.000Z', { grade: { verdict, levelsOff, confidence } }), 'grading')).toBe(rating);
  });

  it.each([
    [0.95, 'good'],
    [0.9, 'good'],
    [0.75, 'hard'],
    [0.2, 'again'],
    [undefined, undefined],
  ] as const)('a THRIVE+ share of %s → %s', (share, rating) => {
    expect(practiceRating(evidenceAt('2026-03-01T10:00:00.000Z', { competencies: share === undefined ? {} : { thrive: share } }), 'thrive')).toBe(rating);
  });
});

describe('practiceCards', () => {
  it('replays each incident type x skill; a confidently wrong grade comes due sooner than a guessed near miss', () => {
    const t = '2026-03-01T10:00:00.000Z';
    const sure = practiceCards([evidenceAt(t, { incidentType: 'mental-health', grade: { verdict: 'under-graded', levelsOff: 1, confidence: 'certain' } })]);
    const guess = practiceCards([evidenceAt(t, { incidentType: 'mental-health', grade: { verdict: 'under-graded', levelsOff: 1, confidence: 'guessing' } })]);
    const grading = (cards: typeof sure) => cards.find((c) => c.skill === 'grading')!;
    expect(sure.map((c) => c.skill).sort()).toEqual(['grading', 'information', 'safeguarding', 'thrive']);
    expect(grading(sure).due < grading(guess).due).toBe(true);
    expect(grading(sure).recentConfidentlyWrong).toBe(1);
    expect(grading(guess).recentConfidentlyWrong).toBe(0);
  });
});

describe('nextScenario', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');

  it('suggests an incident type never practised when nothing is due', () => {
    const s = nextScenario([], scenarios, now, label);
    expect(s).toMatchObject({ scenarioId: 'bike-theft-rwd-101', reason: 'You have not practised a burglary call yet.' });
  });

  it('says "an" before an incident type that starts with a vowel', () => {
    const asb: PracticeScenario[] = [{ id: 'noise-asb', title: 'Noise', incidentType: 'anti-social-behaviour' }];
    expect(nextScenario([], asb, now, label)?.reason).toBe('You have not practised an anti social behaviour call yet.');
  });

  it('puts under-grading first, names the count, and picks a scenario not yet tried', () => {
    const evidence = [
      evidenceAt(at('2026-03-10T09:00:00.000Z'), { incidentType: 'mental-health', scenarioId: 'mental-health-knife-999', grade: { verdict: 'under-graded', levelsOff: 1 } }),
      evidenceAt(at('2026-03-10T10:00:00.000Z'), { incidentType: 'mental-health', scenarioId: 'mental-health-knife-999', grade: { verdict: 'expected' } }),
      evidenceAt(at('2026-03-10T11:00:00.000Z'), { incidentType: 'mental-health', scenarioId: 'mental-health-knife-999', grade: { verdict: 'under-graded', levelsOff: 1, confidence: 'certain' } }),
      evidenceAt(at('2026-03-10T11:30:00.000Z'), { incidentType: 'domestic-abuse', grade: { verdict: 'under-graded', levelsOff: 1 } }),
    ];
    const s = nextScenario(evidence, scenarios, now, label);
    expect(s).toMatchObject({
      scenarioId: 'bridge-mental-health-999',
      skill: 'grading',
      reason: 'You under-graded 2 of your last 3 mental health calls, once when you were sure of your grade.',
    });
  });

  it('is deterministic given the attempts and the clock', () => {
    const evidence = [evidenceAt('2026-03-09T09:00:00.000Z', { competencies: { thrive: 0.4 } })];
    expect(nextScenario(evidence, scenarios, now, label)).toEqual(nextScenario(evidence, scenarios, now, label));
    expect(nextScenario(evidence, scenarios, now, label)?.reason).toBe('Your THRIVE+ ratings earned 40% on your last domestic abuse call.');
  });

  it('when every type is practised and nothing is due, offers the card due soonest with its date', () => {
    const evidence = scenarios.map((s, i) => evidenceAt(`2026-03-0${i + 1}T09:00:00.000Z`, { scenarioId: s.id, incidentType: s.incidentType }));
    const s = nextScenario(evidence, scenarios, new Date('2026-03-05T10:00:00.000Z'), label);
    expect(s?.reason).toMatch(/due for review\. Its next review is due on \d{4}-\d{2}-\d{2}: practising early does no harm\.$/);
  });

  it('has nothing to suggest from an empty library', () => {
    expect(nextScenario([], [], now, label)).toBeUndefined();
  });
});
