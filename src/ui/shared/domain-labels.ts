import type { ForcePolicy } from '../../domain/force-policy-schema';
import type { Difficulty, IncidentType } from '../../domain/scenario-schema';

/** Words shown to trainees for the format's ids. */
export const incidentTypeLabels: Record<IncidentType, string> = {
  'domestic-abuse': 'Domestic abuse',
  'concern-for-welfare': 'Concern for welfare',
  'mental-health': 'Mental health',
  'missing-person': 'Missing person',
  'road-traffic-collision': 'Road traffic collision',
  burglary: 'Burglary',
  assault: 'Assault',
  'stalking-harassment': 'Stalking and harassment',
  'sexual-offence': 'Sexual offence',
  'child-protection': 'Child protection',
  fraud: 'Fraud',
  'anti-social-behaviour': 'Anti-social behaviour',
  'hate-incident': 'Hate incident',
  weapons: 'Weapons',
  'suspicious-circumstances': 'Suspicious circumstances',
  other: 'Other',
};

export const difficultyLabels: Record<Difficulty, string> = {
  recruit: 'Recruit',
  experienced: 'Experienced',
  expert: 'Expert',
};

export function channelLabel(channel: string): string {
  return channel === '999' ? '999 emergency call' : channel === '101' ? '101 non-emergency call' : channel;
}

export function gradeLabel(policy: ForcePolicy, gradeId: string | null): string {
  if (gradeId === null) return 'No grade';
  const grade = policy.grades.find((g) => g.id === gradeId);
  return grade ? `${grade.shortLabel} ${grade.name}` : gradeId;
}

export function ratingLabel(policy: ForcePolicy, ratingId: string | null): string {
  if (ratingId === null) return 'Not rated';
  return policy.framework.ratingScale.find((r) => r.id === ratingId)?.label ?? ratingId;
}

export function elementName(policy: ForcePolicy, elementId: string): string {
  const element = policy.framework.elements.find((e) => e.id === elementId);
  return element ? `${element.letter}: ${element.name}` : elementId;
}

export function actionLabel(policy: ForcePolicy, actionId: string): string {
  return policy.safeguardingActions.find((a) => a.id === actionId)?.label ?? actionId;
}
