import { competencyIds, type AttemptEvidence, type CompetencyId } from './attempt-evidence';

/** What each competency means, and what evidences it. */
export const competencyDefinitions: Readonly<Record<CompetencyId, { readonly name: string; readonly evidencedBy: string }>> = {
  'location-and-call-control': { name: 'Location and call control', evidencedBy: 'the caller location you pinned, on calls whose key has a location' },
  'information-gathering': { name: 'Information gathering', evidencedBy: 'the key questions you asked' },
  'systems-checks': { name: 'Systems checks', evidencedBy: 'the force records you checked (scored once calls carry systems checks)' },
  thrive: { name: 'THRIVE+', evidencedBy: 'your rating of each THRIVE+ element' },
  grading: { name: 'Grading', evidencedBy: 'the grade you gave' },
  safeguarding: { name: 'Safeguarding', evidencedBy: 'your immediate actions and referrals' },
  'advice-to-caller': { name: 'Advice to the caller', evidencedBy: 'the safety and evidence advice you chose' },
  recording: { name: 'Recording', evidencedBy: 'the checks, records and flags you chose' },
  communication: { name: 'Communication', evidencedBy: 'how you handled the caller (scored once the debrief records communication deviations)' },
  're-assessment': { name: 'Re-assessment', evidencedBy: 'whether you re-graded after new information (scored once calls reveal it)' },
};

/** One attempt that evidences a competency. */
export interface CompetencyEvidence {
  readonly attemptId: string;
  readonly scenarioTitle: string;
  readonly completedAt: string;
  /** Share earned on this competency in that attempt, 0..1. */
  readonly share: number;
}

export interface CompetencyStatus {
  readonly id: CompetencyId;
  readonly name: string;
  readonly evidencedBy: string;
  /** Attempts that evidence it. */
  readonly evidenceCount: number;
  /** Mean share over the latest `recentWindow` evidencing attempts; undefined without evidence. */
  readonly recentShare: number | undefined;
  /** The latest evidencing attempts, newest first, at most `linkLimit`. */
  readonly latest: readonly CompetencyEvidence[];
}

/**
 * The competency map: for each of the ten competencies, how many attempts evidence it, the mean
 * share over the latest `recentWindow` of them, and links to the latest `linkLimit`.
 *
 * @param evidence attempts oldest first.
 */
export function competencyMap(evidence: readonly AttemptEvidence[], recentWindow = 10, linkLimit = 5): CompetencyStatus[] {
  return competencyIds.map((id) => {
    const newestFirst: CompetencyEvidence[] = [];
    let count = 0;
    for (let i = evidence.length - 1; i >= 0; i -= 1) {
      const e = evidence[i]!;
      const share = e.competencies[id];
      if (share === undefined) continue;
      count += 1;
      if (newestFirst.length < Math.max(recentWindow, linkLimit)) {
        newestFirst.push({ attemptId: e.attemptId, scenarioTitle: e.scenarioTitle, completedAt: e.completedAt, share });
      }
    }
    const recent = newestFirst.slice(0, recentWindow);
    return {
      id,
      ...competencyDefinitions[id],
      evidenceCount: count,
      recentShare: recent.length === 0 ? undefined : recent.reduce((sum, r) => sum + r.share, 0) / recent.length,
      latest: newestFirst.slice(0, linkLimit),
    };
  });
}
