import { isUpdateMoment, parseAnswerKey, type AnswerKey, type Cue, type KeyMoment } from './answer-key-schema';
import { expertResponse } from './expert-response';
import { gradeRank, parseForcePolicy, type ForcePolicy } from './force-policy-schema';
import { COUNTY_BOUNDS, isInsideCounty, type MapPoint } from './map-geometry';
import { parseOrCollect, type Problem } from './problem';
import { checkCallGraph } from './scenario-graph';
import { contactKindOf, isTextClip, parseScenario, type CallMoment, type Scenario } from './scenario-schema';
import { scoreAttempt } from './scoring';

/** How far a clip's last caption may end from its audio's real duration, in seconds. */
export const CAPTION_END_TOLERANCE_SECONDS = 0.3;

export interface ScenarioPackageFiles {
  readonly scenarioFile: string;
  readonly scenario: unknown;
  readonly answerKeyFile: string;
  /** undefined when the answer key file is missing. */
  readonly answerKey: unknown;
  /** Parsed force policies by id. */
  readonly policies: ReadonlyMap<string, ForcePolicy>;
  /** Whether an asset (audio "audio/x/c01.webm", media "media/x/scene.jpg") exists where the app serves it from. */
  readonly audioExists: (src: string) => boolean;
}

export interface ScenarioPackageResult {
  readonly problems: Problem[];
  readonly scenario?: Scenario;
  readonly answerKey?: AnswerKey;
  /** The expert answer's total, when it could be scored. */
  readonly expertPercent?: number;
}


/** Parses a force policy file, collecting located problems instead of throwing. */
export function checkForcePolicyFile(file: string, json: unknown): { policy?: ForcePolicy; problems: Problem[] } {
  const problems: Problem[] = [];
  const policy = parseOrCollect(() => parseForcePolicy(json, file), problems);
  return policy ? { policy, problems } : { problems };
}

/**
 * Everything `npm run scenarios:check` demands of one scenario and its answer key: both files
 * valid; the call graph sound; captions inside their audio; every audio file present; every id
 * in the key known to the scenario and its force policy; every cue pointing at a real moment;
 * map points inside the county, and a key location only where the scenario shows a location
 * area to start from; and the expert answer scoring full marks with no critical miss. Each
 * problem names the file, the JSON path and the reason.
 */
export function checkScenarioPackage(files: ScenarioPackageFiles): ScenarioPackageResult {
  const problems: Problem[] = [];
  const scenario = parseOrCollect(() => parseScenario(files.scenario, files.scenarioFile), problems);
  if (files.answerKey === undefined) {
    problems.push({ file: files.answerKeyFile, path: '$', message: 'answer key file is missing: every scenario needs one' });
  }
  const answerKey =
    files.answerKey === undefined ? undefined : parseOrCollect(() => parseAnswerKey(files.answerKey, files.answerKeyFile), problems);
  if (!scenario) return { problems };

  const inScenario = (path: string, message: string) => problems.push({ file: files.scenarioFile, path, message });
  for (const problem of checkCallGraph(scenario)) inScenario(problem.path, problem.message);
  checkClips(scenario, files, inScenario);
  checkContactAndExtras(scenario, files, inScenario);
  const area = scenario.callContext.locationArea;
  if (area && !isInsideCounty(area.centre)) inScenario('$.callContext.locationArea.centre', outsideCounty(area.centre));

  const policy = files.policies.get(scenario.forcePolicy);
  if (!policy) {
    inScenario('$.forcePolicy', `force policy "${scenario.forcePolicy}" is not defined (known: ${[...files.policies.keys()].join(', ') || 'none'})`);
  }
  if (!answerKey || !policy) return { problems, scenario, ...(answerKey ? { answerKey } : {}) };

  const before = problems.length;
  checkAnswerKeyReferences(scenario, answerKey, policy, (path, message) => problems.push({ file: files.answerKeyFile, path, message }));
  if (scenario.metadata.contentWarnings.length > 0 && !answerKey.wellbeing) {
    problems.push({ file: files.answerKeyFile, path: '$.wellbeing', message: 'the scenario carries content warnings, so its debrief needs a wellbeing signpost' });
  }
  if (problems.length > before) return { problems, scenario, answerKey };

  const expert = expertResponse(scenario, answerKey, policy);
  if (!expert) {
    problems.push({ file: files.answerKeyFile, path: '$.keyQuestions', message: 'no single path through the call asks every key question, so no trainee could score full marks' });
    return { problems, scenario, answerKey };
  }
  const report = scoreAttempt(scenario, answerKey, expert, policy);
  if (report.percent < 100 - 1e-9) {
    problems.push({ file: files.answerKeyFile, path: '$', message: `the expert answer scores ${report.percent.toFixed(1)}%, not full marks` });
  }
  for (const miss of report.criticalMisses) {
    const index = answerKey.criticalMisses.findIndex((m) => m.id === miss.id);
    problems.push({ file: files.answerKeyFile, path: `$.criticalMisses[${index}].rule`, message: `the expert answer itself triggers critical miss "${miss.id}"` });
  }
  return { problems, scenario, answerKey, expertPercent: report.percent };
}

function outsideCounty(point: MapPoint): string {
  return `(${point.x}, ${point.y}) is outside the county: x runs 0 to ${COUNTY_BOUNDS.widthMetres} m east, y 0 to ${COUNTY_BOUNDS.heightMetres} m north of its south-west corner`;
}

function checkClips(scenario: Scenario, files: ScenarioPackageFiles, report: (path: string, message: string) => void): void {
  scenario.clips.forEach((clip, clipIndex) => {
    const at = `$.clips[${clipIndex}]`;
    if (isTextClip(clip)) {
      if (clip.audio) report(`${at}.audio`, `clip "${clip.id}" is a text clip: messages are shown, not played, so it takes no audio`);
      clip.transcript.forEach((line, lineIndex) => {
        if (line.kind !== 'speech') report(`${at}.transcript[${lineIndex}]`, 'a text clip holds messages (speech lines), not sounds');
      });
      if (clip.captions.length === 0) report(`${at}.captions`, `text clip "${clip.id}" needs captions: each one's start is when its message arrives`);
    } else if (!clip.audio) {
      report(`${at}.audio`, `clip "${clip.id}" has no audio yet: render it with "npm run voice ${scenario.id}", or record or import it`);
    } else {
      clip.audio.sources.forEach((source, sourceIndex) => {
        if (!source.src.startsWith(`audio/${scenario.id}/`)) {
          report(`${at}.audio.sources[${sourceIndex}].src`, `audio for scenario "${scenario.id}" must live under audio/${scenario.id}/`);
        } else if (!files.audioExists(source.src)) {
          report(`${at}.audio.sources[${sourceIndex}].src`, `audio file assets/${source.src} does not exist`);
        }
      });
    }
    if (clip.audio && clip.captions.length === 0) report(`${at}.captions`, `clip "${clip.id}" has audio but no captions`);
    let previousEnd = 0;
    clip.captions.forEach((caption, captionIndex) => {
      const path = `${at}.captions[${captionIndex}]`;
      if (caption.end <= caption.start) report(`${path}.end`, 'a caption must end after it starts');
      if (caption.start < previousEnd - 1e-6) report(`${path}.start`, 'captions must be in order and must not overlap');
      if (caption.line >= clip.transcript.length) report(`${path}.line`, `line ${caption.line} does not exist: the clip has ${clip.transcript.length} transcript lines`);
      previousEnd = caption.end;
    });
    const last = clip.captions[clip.captions.length - 1];
    if (clip.audio && last && Math.abs(last.end - clip.audio.durationSeconds) > CAPTION_END_TOLERANCE_SECONDS) {
      report(
        `${at}.captions[${clip.captions.length - 1}].end`,
        `the last caption ends at ${last.end.toFixed(2)} s but the audio lasts ${clip.audio.durationSeconds.toFixed(2)} s (more than ${CAPTION_END_TOLERANCE_SECONDS} s apart)`,
      );
    }
    clip.transcript.forEach((_, lineIndex) => {
      if (clip.captions.length > 0 && !clip.captions.some((c) => c.line === lineIndex)) {
        report(`${at}.transcript[${lineIndex}]`, `transcript line ${lineIndex} has no caption`);
      }
    });
  });
}

/**
 * The contact kind against its clips (text contacts are all text, voice calls all audio), the
 * systems records, the mid-call updates and the shared media: ids unique, every clip and subject
 * they name present, every file present under the scenario's own folder.
 */
function checkContactAndExtras(scenario: Scenario, files: ScenarioPackageFiles, report: (path: string, message: string) => void): void {
  const kind = contactKindOf(scenario);
  scenario.clips.forEach((clip, index) => {
    if (kind === 'voice-call' && isTextClip(clip)) report(`$.clips[${index}].medium`, `a voice call plays audio: clip "${clip.id}" is text (set metadata.contactKind for a text contact)`);
    if (kind !== 'voice-call' && !isTextClip(clip)) report(`$.clips[${index}].medium`, `a ${kind} contact is text: clip "${clip.id}" must be "medium": "text"`);
  });
  const clipIds = new Set(scenario.clips.map((clip) => clip.id));
  const checkMoment = (moment: CallMoment, path: string) => {
    if ('afterClip' in moment && !clipIds.has(moment.afterClip)) report(`${path}.afterClip`, `clip "${moment.afterClip}" is not in the scenario`);
  };
  const unique = (ids: string[], path: (index: number) => string, what: string) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) report(path(index), `duplicate ${what} "${id}"`);
      seen.add(id);
    });
  };

  const systems = scenario.systems;
  if (systems) {
    unique(systems.subjects.map((s) => s.id), (i) => `$.systems.subjects[${i}].id`, 'systems subject id');
    systems.subjects.forEach((subject, i) => subject.knownFrom && checkMoment(subject.knownFrom, `$.systems.subjects[${i}].knownFrom`));
    const subjects = new Set(systems.subjects.map((s) => s.id));
    unique(systems.results.map((r) => `${r.database}:${r.subject}`), (i) => `$.systems.results[${i}]`, 'result for database:subject');
    systems.results.forEach((result, i) => {
      if (!subjects.has(result.subject)) report(`$.systems.results[${i}].subject`, `"${result.subject}" is not a subject of the scenario's systems (${[...subjects].join(', ')})`);
      result.records.forEach((record, j) => {
        if (record.kind === 'warning-marker' && !record.marker) report(`$.systems.results[${i}].records[${j}].marker`, 'a warning-marker record needs its marker');
      });
    });
  }

  const updates = scenario.updates ?? [];
  unique(updates.map((u) => u.id), (i) => `$.updates[${i}].id`, 'update id');
  updates.forEach((update, i) => {
    checkMoment(update.at, `$.updates[${i}].at`);
    update.audio?.sources.forEach((source, j) => {
      const path = `$.updates[${i}].audio.sources[${j}].src`;
      if (!source.src.startsWith(`audio/${scenario.id}/`)) report(path, `audio for scenario "${scenario.id}" must live under audio/${scenario.id}/`);
      else if (!files.audioExists(source.src)) report(path, `audio file assets/${source.src} does not exist`);
    });
  });

  const media = scenario.sharedMedia ?? [];
  unique(media.map((m) => m.id), (i) => `$.sharedMedia[${i}].id`, 'shared media id');
  media.forEach((item, i) => {
    if (item.at) checkMoment(item.at, `$.sharedMedia[${i}].at`);
    if (!item.src.startsWith(`media/${scenario.id}/`)) report(`$.sharedMedia[${i}].src`, `media for scenario "${scenario.id}" must live under media/${scenario.id}/`);
    else if (!files.audioExists(item.src)) report(`$.sharedMedia[${i}].src`, `media file assets/${item.src} does not exist`);
  });
}

function checkAnswerKeyReferences(
  scenario: Scenario,
  key: AnswerKey,
  policy: ForcePolicy,
  report: (path: string, message: string) => void,
): void {
  if (key.scenarioId !== scenario.id) report('$.scenarioId', `answer key is for "${key.scenarioId}" but sits beside scenario "${scenario.id}"`);
  if (key.scenarioVersion !== scenario.version) {
    report('$.scenarioVersion', `answer key is for version ${key.scenarioVersion} of the scenario, which is at version ${scenario.version}`);
  }
  const ratings = new Set(policy.framework.ratingScale.map((r) => r.id));
  const grades = new Set(policy.grades.map((g) => g.id));
  const actions = new Set(policy.safeguardingActions.map((a) => a.id));
  const options = new Set(scenario.callGraph.nodes.flatMap((node) => (node.kind === 'questionChoice' ? node.options.map((o) => o.id) : [])));
  const elements = new Set(policy.framework.elements.map((e) => e.id));
  const ratingList = policy.framework.ratingScale.map((r) => r.id).join(', ');
  const gradeList = policy.grades.map((g) => g.id).join(', ');

  const checkCue = (cue: Cue, path: string) => {
    const clip = scenario.clips.find((c) => c.id === cue.clip);
    if (!clip) return report(`${path}.clip`, `clip "${cue.clip}" is not in the scenario`);
    if (cue.line >= clip.transcript.length) return report(`${path}.line`, `clip "${cue.clip}" has no line ${cue.line} (it has ${clip.transcript.length})`);
    const caption = clip.captions.find((c) => c.line === cue.line);
    if (clip.captions.length > 0 && !caption) report(`${path}.line`, `line ${cue.line} of clip "${cue.clip}" has no caption timing, so the cue has no time`);
    if (caption && cue.offset !== undefined && caption.start + cue.offset > caption.end + 1e-6) {
      report(`${path}.offset`, `offset ${cue.offset} s runs past the end of line ${cue.line} (${(caption.end - caption.start).toFixed(2)} s long)`);
    }
  };

  const updateIds = new Set((scenario.updates ?? []).map((u) => u.id));
  const checkMoment = (moment: KeyMoment, path: string) => {
    if (!isUpdateMoment(moment)) return checkCue(moment, path);
    if (!updateIds.has(moment.update)) report(`${path}.update`, `update "${moment.update}" is not in the scenario (${[...updateIds].join(', ') || 'it has none'})`);
  };

  for (const element of policy.framework.elements) {
    const judgement = key.thrive[element.id];
    if (!judgement) {
      report('$.thrive', `no judgement for THRIVE+ element "${element.id}" (${element.name})`);
      continue;
    }
    const at = `$.thrive.${element.id}`;
    if (!ratings.has(judgement.expected)) report(`${at}.expected`, `"${judgement.expected}" is not a rating of the policy (${ratingList})`);
    judgement.acceptable.forEach((rating, i) => {
      if (!ratings.has(rating)) report(`${at}.acceptable[${i}]`, `"${rating}" is not a rating of the policy (${ratingList})`);
    });
    if (judgement.cues.length === 0) report(`${at}.cues`, 'give at least one cue: the moment in the call that supports this rating');
    judgement.cues.forEach((cue, i) => checkCue(cue, `${at}.cues[${i}]`));
  }
  for (const elementId of Object.keys(key.thrive)) {
    if (!elements.has(elementId)) report(`$.thrive.${elementId}`, `"${elementId}" is not an element of the policy's ${policy.framework.name}`);
  }

  if (!grades.has(key.grade.expected)) report('$.grade.expected', `"${key.grade.expected}" is not a grade of the policy (${gradeList})`);
  key.grade.acceptable.forEach((grade, i) => {
    if (!grades.has(grade)) report(`$.grade.acceptable[${i}]`, `"${grade}" is not a grade of the policy (${gradeList})`);
  });
  if (key.grade.cues.length === 0) report('$.grade.cues', 'give at least one cue: the moment in the call that supports the grade');
  key.grade.cues.forEach((cue, i) => checkCue(cue, `$.grade.cues[${i}]`));
  if (grades.has(key.grade.expected) && key.grade.acceptable.every((g) => grades.has(g))) {
    const ranks = [key.grade.expected, ...key.grade.acceptable].map((g) => gradeRank(policy, g)).sort((a, b) => a - b);
    const first = ranks[0] ?? 0;
    if (ranks.some((rank, i) => rank !== first + i)) report('$.grade.acceptable', 'acceptable grades must sit next to each other and to the expected grade');
  }

  const seenActions = new Set<string>();
  key.safeguardingActions.forEach((judgement, i) => {
    const at = `$.safeguardingActions[${i}]`;
    if (!actions.has(judgement.action)) report(`${at}.action`, `"${judgement.action}" is not a safeguarding action of the policy`);
    if (seenActions.has(judgement.action)) report(`${at}.action`, `"${judgement.action}" is judged twice`);
    seenActions.add(judgement.action);
    judgement.cues?.forEach((cue, j) => checkCue(cue, `${at}.cues[${j}]`));
  });

  const questionIds = new Set<string>();
  key.keyQuestions.forEach((question, i) => {
    const at = `$.keyQuestions[${i}]`;
    if (questionIds.has(question.id)) report(`${at}.id`, `duplicate key question id "${question.id}"`);
    questionIds.add(question.id);
    question.optionIds.forEach((optionId, j) => {
      if (!options.has(optionId)) report(`${at}.optionIds[${j}]`, `option "${optionId}" is not an option of the call graph`);
    });
    if (question.cue) checkCue(question.cue, `${at}.cue`);
  });

  // A key location needs no system feed: a 101 caller with no location data must still be found
  // from what they say, and the map then starts from the whole county.
  if (key.location) {
    if (!isInsideCounty(key.location.point)) report('$.location.point', outsideCounty(key.location.point));
    key.location.cues.forEach((cue, i) => checkCue(cue, `$.location.cues[${i}]`));
  }

  const subjects = new Set((scenario.systems?.subjects ?? []).map((s) => s.id));
  const uniqueIds = (ids: string[], path: (index: number) => string, what: string) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) report(path(index), `duplicate ${what} "${id}"`);
      seen.add(id);
    });
  };
  const requiredChecks = key.requiredChecks ?? [];
  uniqueIds(requiredChecks.map((c) => c.id), (i) => `$.requiredChecks[${i}].id`, 'required check id');
  requiredChecks.forEach((check, i) => {
    const at = `$.requiredChecks[${i}]`;
    if (!scenario.systems) report(at, 'a required check needs systems records in the scenario to search: add "systems" to scenario.json');
    else if (!subjects.has(check.subject)) report(`${at}.subject`, `"${check.subject}" is not a subject of the scenario's systems (${[...subjects].join(', ')})`);
    if (check.by) checkMoment(check.by, `${at}.by`);
  });
  const regrades = key.regrades ?? [];
  uniqueIds(regrades.map((r) => r.id), (i) => `$.regrades[${i}].id`, 're-grade id');
  regrades.forEach((regrade, i) => {
    const at = `$.regrades[${i}]`;
    if (!grades.has(regrade.expected)) report(`${at}.expected`, `"${regrade.expected}" is not a grade of the policy (${gradeList})`);
    regrade.acceptable.forEach((grade, j) => {
      if (!grades.has(grade)) report(`${at}.acceptable[${j}]`, `"${grade}" is not a grade of the policy (${gradeList})`);
    });
    checkMoment(regrade.after, `${at}.after`);
  });
  (key.panel ?? []).forEach((answer, i) => {
    const at = `$.panel[${i}]`;
    if (!grades.has(answer.grade)) report(`${at}.grade`, `"${answer.grade}" is not a grade of the policy (${gradeList})`);
    for (const element of policy.framework.elements) {
      if (!(element.id in answer.thrive)) report(`${at}.thrive`, `no rating for THRIVE+ element "${element.id}" (${element.name})`);
    }
    for (const [elementId, rating] of Object.entries(answer.thrive)) {
      if (!elements.has(elementId)) report(`${at}.thrive.${elementId}`, `"${elementId}" is not an element of the policy's ${policy.framework.name}`);
      else if (!ratings.has(rating)) report(`${at}.thrive.${elementId}`, `"${rating}" is not a rating of the policy (${ratingList})`);
    }
    answer.safeguardingActions?.forEach((action, j) => {
      if (!actions.has(action)) report(`${at}.safeguardingActions[${j}]`, `"${action}" is not a safeguarding action of the policy`);
    });
  });

  key.criticalMisses.forEach((miss, i) => {
    const at = `$.criticalMisses[${i}]`;
    const rule = miss.rule;
    if (rule.kind === 'locationOutsideAcceptedArea' && !key.location) {
      report(`${at}.rule`, 'a locationOutsideAcceptedArea rule needs a key location to measure the pin against: add "location" to the key');
    }
    if (rule.kind === 'gradeLessUrgentThan' && !grades.has(rule.grade)) report(`${at}.rule.grade`, `"${rule.grade}" is not a grade of the policy (${gradeList})`);
    if ((rule.kind === 'actionNotTaken' || rule.kind === 'actionTaken') && !actions.has(rule.action)) {
      report(`${at}.rule.action`, `"${rule.action}" is not a safeguarding action of the policy`);
    }
    if (rule.kind === 'keyQuestionNotAsked' && !questionIds.has(rule.keyQuestion)) report(`${at}.rule.keyQuestion`, `"${rule.keyQuestion}" is not a key question of this answer key`);
    if (rule.kind === 'ratingBelow') {
      if (!elements.has(rule.element)) report(`${at}.rule.element`, `"${rule.element}" is not an element of the policy`);
      if (!ratings.has(rule.rating)) report(`${at}.rule.rating`, `"${rule.rating}" is not a rating of the policy (${ratingList})`);
    }
    if (miss.cue) checkCue(miss.cue, `${at}.cue`);
  });
}
