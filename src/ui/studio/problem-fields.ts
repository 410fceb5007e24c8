import type { Problem } from '../../domain/problem';
import { DRAFT_ANSWER_KEY_FILE, DRAFT_SCENARIO_FILE } from '../../domain/studio-draft';

/**
 * Where each problem of a draft is shown. The studio's form fields are named by the JSON path
 * of what they edit (`$.metadata.title`, `$.callGraph.nodes[3].options[1].next`), in the
 * scenario (`s`) or the answer key (`k`). A problem is shown at the field of its own path, or
 * else at the nearest enclosing path the form has a field or section for: a problem at
 * `$.clips[0].captions[1].end` shows at that caption's end time; one at `$.grade.cues[0].line`
 * shows at the grade's cue; one at `$` shows at the top of its part.
 */
export type DraftPart = 's' | 'k';

/** Paths the scenario form edits or heads, as patterns ( `#` stands for any index). */
const SCENARIO_FIELDS = [
  '$',
  '$.id',
  '$.metadata.title',
  '$.metadata.summary',
  '$.metadata.incidentType',
  '$.metadata.channel',
  '$.metadata.difficulty',
  '$.metadata.contactKind',
  '$.metadata.estimatedMinutes',
  '$.metadata.learningObjectives',
  '$.metadata.contentWarnings',
  '$.callContext.callerNumber',
  '$.speakers',
  '$.speakers[#]',
  '$.speakers[#].label',
  '$.speakers[#].role',
  '$.speakers[#].voice',
  '$.speakers[#].voice.engine',
  '$.speakers[#].voice.voice',
  '$.speakers[#].voice.rate',
  '$.speakers[#].voice.pitchHz',
  '$.clips',
  '$.clips[#]',
  '$.clips[#].medium',
  '$.clips[#].audio',
  '$.clips[#].transcript[#]',
  '$.clips[#].transcript[#].speaker',
  '$.clips[#].transcript[#].text',
  '$.clips[#].transcript[#].sound',
  '$.clips[#].transcript[#].caption',
  '$.clips[#].transcript[#].neutralCaption',
  '$.clips[#].transcript[#].durationSeconds',
  '$.clips[#].transcript[#].underPrevious',
  '$.clips[#].transcript[#].pauseBefore',
  '$.clips[#].transcript[#].delivery',
  '$.clips[#].transcript[#].delivery.rate',
  '$.clips[#].transcript[#].delivery.volume',
  '$.clips[#].transcript[#].delivery.pitchHz',
  '$.clips[#].transcript[#].delivery.whisper',
  '$.clips[#].captions',
  '$.clips[#].captions[#].start',
  '$.clips[#].captions[#].end',
  '$.callGraph.start',
  '$.callGraph.nodes',
  '$.callGraph.nodes[#]',
  '$.callGraph.nodes[#].clip',
  '$.callGraph.nodes[#].next',
  '$.callGraph.nodes[#].prompt',
  '$.callGraph.nodes[#].options',
  '$.callGraph.nodes[#].options[#].text',
  '$.callGraph.nodes[#].options[#].next',
  '$.callGraph.nodes[#].outcome',
  '$.callGraph.nodes[#].summary',
  '$.systems',
  '$.systems.defaultDelaySeconds',
  '$.systems.subjects',
  '$.systems.subjects[#]',
  '$.systems.subjects[#].kind',
  '$.systems.subjects[#].label',
  '$.systems.subjects[#].knownFrom',
  '$.systems.subjects[#].knownFrom.atSeconds',
  '$.systems.results',
  '$.systems.results[#]',
  '$.systems.results[#].subject',
  '$.systems.results[#].database',
  '$.systems.results[#].delaySeconds',
  '$.systems.results[#].records',
  '$.systems.results[#].records[#]',
  '$.systems.results[#].records[#].kind',
  '$.systems.results[#].records[#].marker',
  '$.systems.results[#].records[#].date',
  '$.systems.results[#].records[#].reference',
  '$.systems.results[#].records[#].summary',
  '$.updates',
  '$.updates[#]',
  '$.updates[#].kind',
  '$.updates[#].from',
  '$.updates[#].text',
  '$.updates[#].at',
  '$.updates[#].at.atSeconds',
];

const KEY_FIELDS = [
  '$',
  '$.expert.name',
  '$.expert.role',
  '$.thrive',
  '$.thrive.*.expected',
  '$.thrive.*.acceptable',
  '$.thrive.*.rationale',
  '$.thrive.*.cues',
  '$.thrive.*.cues[#]',
  '$.thrive.*.cues[#].offset',
  '$.grade',
  '$.grade.expected',
  '$.grade.acceptable',
  '$.grade.rationale',
  '$.grade.cues',
  '$.grade.cues[#]',
  '$.grade.cues[#].offset',
  '$.safeguardingActions',
  '$.safeguardingActions[#].action',
  '$.safeguardingActions[#].verdict',
  '$.safeguardingActions[#].reason',
  '$.keyQuestions',
  '$.keyQuestions[#].question',
  '$.keyQuestions[#].optionIds',
  '$.keyQuestions[#].reason',
  '$.criticalMisses',
  '$.criticalMisses[#].description',
  '$.criticalMisses[#].reason',
  '$.criticalMisses[#].rule',
  '$.teachingPoints',
  '$.teachingPoints[#].text',
  '$.teachingPoints[#].reference',
  '$.wellbeing',
  '$.requiredChecks',
  '$.requiredChecks[#]',
  '$.requiredChecks[#].database',
  '$.requiredChecks[#].subject',
  '$.requiredChecks[#].reason',
  '$.requiredChecks[#].severity',
  '$.requiredChecks[#].by',
  '$.requiredChecks[#].by.offset',
  '$.requiredChecks[#].withinSeconds',
  '$.regrades',
  '$.regrades[#]',
  '$.regrades[#].after',
  '$.regrades[#].after.offset',
  '$.regrades[#].expected',
  '$.regrades[#].acceptable',
  '$.regrades[#].withinSeconds',
  '$.regrades[#].reason',
  '$.regrades[#].severity',
];

const toPattern = (field: string) =>
  new RegExp(`^${field.replace(/[.$[\]]/g, (c) => `\\${c}`).replace(/#/g, '\\d+').replace(/\*/g, '[A-Za-z0-9_-]+')}$`);
const PATTERNS: Record<DraftPart, RegExp[]> = { s: SCENARIO_FIELDS.map(toPattern), k: KEY_FIELDS.map(toPattern) };

/** Splits `$.a.b[2]["x y"]` into its segments: `['a', 'b', 2, 'x y']`. */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(path))) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}

function joinPath(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : `${out}.${s}`), '$');
}

/** The part of the draft a problem is in, from its file name. */
export function partOf(problem: Problem): DraftPart {
  return problem.file === DRAFT_ANSWER_KEY_FILE ? 'k' : 's';
}

/** The path of the field (or section) that shows a problem. */
export function fieldPathFor(part: DraftPart, path: string): string {
  const segments = pathSegments(path);
  for (let n = segments.length; n >= 0; n -= 1) {
    const candidate = joinPath(segments.slice(0, n));
    if (PATTERNS[part].some((p) => p.test(candidate))) return candidate;
  }
  return '$';
}

/** The DOM id of the field editing `path` in `part`: `field-s-metadata-title`, `field-k-thrive-harm-cues`. */
export function fieldId(part: DraftPart, path: string): string {
  const rest = path.replace(/^\$/, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '');
  return `field-${part}${rest ? `-${rest}` : ''}`;
}

/** Each problem with the id of the field that shows it. */
export interface PlacedProblem {
  readonly problem: Problem;
  readonly fieldId: string;
}

const CAPTION_TEXT = /^\$\.clips\[(\d+)\]\.captions\[(\d+)\]\.text$/;

/**
 * The problems without those a caption has only because its line has them. The studio writes a
 * line's words (or a sound's caption) into the line's caption, so a line left empty would
 * otherwise be reported twice: at the line, and at the clip's caption timings, which have no
 * field for the words. A caption problem whose line has no problem of its own stays.
 */
export function withoutCaptionEchoes(problems: readonly Problem[], scenario: unknown): Problem[] {
  const scenarioPaths = new Set(problems.filter((p) => partOf(p) === 's').map((p) => p.path));
  const clips = (scenario as { clips?: unknown } | null)?.clips;
  return problems.filter((problem) => {
    const match = partOf(problem) === 's' ? CAPTION_TEXT.exec(problem.path) : null;
    if (!match || !Array.isArray(clips)) return true;
    const caption = (clips[Number(match[1])] as { captions?: unknown[] } | undefined)?.captions?.[Number(match[2])] as { line?: unknown } | undefined;
    if (typeof caption?.line !== 'number') return true;
    const line = `$.clips[${match[1]}].transcript[${caption.line}]`;
    return !scenarioPaths.has(`${line}.text`) && !scenarioPaths.has(`${line}.caption`);
  });
}

/** Places every problem at its field; the summary lists them in this order. */
export function placeProblems(problems: readonly Problem[]): PlacedProblem[] {
  return problems.map((problem) => {
    const part = partOf(problem);
    return { problem, fieldId: fieldId(part, fieldPathFor(part, problem.path)) };
  });
}

/** Problems grouped by field id, for the fields to show their own. */
export function problemsByField(placed: readonly PlacedProblem[]): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const { problem, fieldId: id } of placed) byField.set(id, [...(byField.get(id) ?? []), problem.message]);
  return byField;
}

export { DRAFT_ANSWER_KEY_FILE, DRAFT_SCENARIO_FILE };
