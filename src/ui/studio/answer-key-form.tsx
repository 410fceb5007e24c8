import type { AnswerKey } from '../../domain/answer-key-schema';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import type { Scenario } from '../../domain/scenario-schema';
import { acceptableBeside } from '../../domain/studio-systems-edit';
import { ChoiceSetField, FieldGroup, SelectField, TextField, useDraftForm, type Choice } from './draft-fields';
import { CueListField, cueChoices } from './moment-fields';

const verdictChoices: Choice[] = [
  { value: 'required', label: 'Required' },
  { value: 'recommended', label: 'Recommended' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'harmful', label: 'Harmful' },
];

const ruleKinds: Choice[] = [
  { value: 'gradeLessUrgentThan', label: 'Graded less urgent than' },
  { value: 'actionNotTaken', label: 'Safeguarding action not taken' },
  { value: 'actionTaken', label: 'Harmful action taken' },
  { value: 'keyQuestionNotAsked', label: 'Key question not asked' },
];

/** The expert's answer: THRIVE+ per element, grade, actions, key questions, critical misses, teaching points. */
export function AnswerKeySection({ scenario, answerKey, policy }: { scenario: Scenario; answerKey: AnswerKey; policy: ForcePolicy }) {
  const form = useDraftForm();
  const cues = cueChoices(scenario);
  const ratings: Choice[] = policy.framework.ratingScale.map((r) => ({ value: r.id, label: r.label }));
  const grades: Choice[] = policy.grades.map((g) => ({ value: g.id, label: g.name }));
  const actions: Choice[] = policy.safeguardingActions.map((a) => ({ value: a.id, label: a.label }));
  const options: Choice[] = scenario.callGraph.nodes.flatMap((n) => (n.kind === 'questionChoice' ? n.options.map((o) => ({ value: o.id, label: `${o.id}: ${o.text.slice(0, 60)}` })) : []));
  const add = (path: string, list: readonly unknown[], item: unknown) => form.set('k', path, [...list, item]);
  const remove = (path: string, list: readonly unknown[], index: number) => form.set('k', path, list.filter((_, i) => i !== index));
  // The expected value is never also an accepted alternative.
  const chooseExpected = (at: string, value: string, acceptable: readonly string[] | undefined) => {
    form.set('k', `${at}.expected`, value);
    if (acceptable?.includes(value)) form.set('k', `${at}.acceptable`, acceptableBeside(acceptable, value));
  };
  return (
    <section aria-labelledby="studio-key">
      <h2 id="studio-key">Answer key</h2>
      <FieldGroup part="k" path="$" legend="Expert">
        <TextField part="k" path="$.expert.name" label="Expert's name" value={answerKey.expert.name} />
        <TextField part="k" path="$.expert.role" label="Expert's role" value={answerKey.expert.role} />
      </FieldGroup>
      <FieldGroup part="k" path="$.grade" legend="Grade">
        <SelectField part="k" path="$.grade.expected" label="Expected grade" value={answerKey.grade.expected} choices={grades} onChoose={(v) => chooseExpected('$.grade', v, answerKey.grade.acceptable)} />
        <ChoiceSetField part="k" path="$.grade.acceptable" legend="Other grades accepted (with a sound rationale)" value={answerKey.grade.acceptable} choices={grades.filter((g) => g.value !== answerKey.grade.expected)} />
        <TextField part="k" path="$.grade.rationale" label="Why this grade" value={answerKey.grade.rationale} multiline />
        <CueListField at="$.grade" name="Grade" cues={answerKey.grade.cues} choices={cues} />
      </FieldGroup>
      <FieldGroup part="k" path="$.thrive" legend={`${policy.framework.name}: rating, accepted ratings, rationale and cues per element`}>
        {policy.framework.elements.map((element) => {
          const judgement = answerKey.thrive[element.id];
          const at = `$.thrive.${element.id}`;
          if (!judgement) {
            return (
              <p key={element.id}>
                <button type="button" onClick={() => form.set('k', at, { expected: ratings[0]?.value ?? '', acceptable: [], rationale: '', cues: [] })}>
                  Add a judgement for {element.name}
                </button>
              </p>
            );
          }
          return (
            <div key={element.id} className="studio-element">
              <h3>{element.name}</h3>
              <SelectField part="k" path={`${at}.expected`} label={`${element.name}: expected rating`} value={judgement.expected} choices={ratings} onChoose={(v) => chooseExpected(at, v, judgement.acceptable)} />
              <ChoiceSetField part="k" path={`${at}.acceptable`} legend={`${element.name}: other ratings accepted`} value={judgement.acceptable} choices={ratings.filter((r) => r.value !== judgement.expected)} />
              <TextField part="k" path={`${at}.rationale`} label={`${element.name}: rationale`} value={judgement.rationale} multiline />
              <CueListField at={at} name={element.name} cues={judgement.cues} choices={cues} />
            </div>
          );
        })}
      </FieldGroup>
      <FieldGroup part="k" path="$.safeguardingActions" legend="Safeguarding actions">
        {answerKey.safeguardingActions.map((judgement, i) => (
          <div key={i} className="studio-row">
            <SelectField part="k" path={`$.safeguardingActions[${i}].action`} label={`Action ${i + 1}`} value={judgement.action} choices={actions} />
            <SelectField part="k" path={`$.safeguardingActions[${i}].verdict`} label={`Action ${i + 1}: verdict`} value={judgement.verdict} choices={verdictChoices} />
            <TextField part="k" path={`$.safeguardingActions[${i}].reason`} label={`Action ${i + 1}: reason`} value={judgement.reason} />
            <button type="button" onClick={() => remove('$.safeguardingActions', answerKey.safeguardingActions, i)}>Remove action {i + 1}</button>
          </div>
        ))}
        <button type="button" onClick={() => add('$.safeguardingActions', answerKey.safeguardingActions, { action: actions[0]?.value ?? '', verdict: 'recommended', reason: '' })}>Add a safeguarding action</button>
      </FieldGroup>
      <FieldGroup part="k" path="$.keyQuestions" legend="Key questions">
        {answerKey.keyQuestions.map((question, i) => (
          <div key={i} className="studio-row">
            <TextField part="k" path={`$.keyQuestions[${i}].question`} label={`Key question ${i + 1}`} value={question.question} />
            <SelectField part="k" path={`$.keyQuestions[${i}].optionIds`} label={`Key question ${i + 1}: the option that asks it`} value={question.optionIds[0] ?? ''} choices={options} onChoose={(v) => form.set('k', `$.keyQuestions[${i}].optionIds`, v ? [v] : [])} />
            <TextField part="k" path={`$.keyQuestions[${i}].reason`} label={`Key question ${i + 1}: why it matters`} value={question.reason} />
            <button type="button" onClick={() => remove('$.keyQuestions', answerKey.keyQuestions, i)}>Remove key question {i + 1}</button>
          </div>
        ))}
        <button type="button" onClick={() => add('$.keyQuestions', answerKey.keyQuestions, { id: `kq-${answerKey.keyQuestions.length + 1}`, question: '', optionIds: [], reason: '' })}>Add a key question</button>
      </FieldGroup>
      <FieldGroup part="k" path="$.criticalMisses" legend="Critical misses">
        {answerKey.criticalMisses.map((miss, i) => {
          const rule = miss.rule;
          const param =
            rule.kind === 'gradeLessUrgentThan' ? { field: 'grade', value: rule.grade, choices: grades }
            : rule.kind === 'actionNotTaken' || rule.kind === 'actionTaken' ? { field: 'action', value: rule.action, choices: actions }
            : rule.kind === 'keyQuestionNotAsked' ? { field: 'keyQuestion', value: rule.keyQuestion, choices: answerKey.keyQuestions.map((q) => ({ value: q.id, label: q.question || q.id })) }
            : undefined;
          return (
            <div key={i} className="studio-row">
              <TextField part="k" path={`$.criticalMisses[${i}].description`} label={`Critical miss ${i + 1}`} value={miss.description} />
              <TextField part="k" path={`$.criticalMisses[${i}].reason`} label={`Critical miss ${i + 1}: why it is critical`} value={miss.reason} />
              <SelectField part="k" path={`$.criticalMisses[${i}].rule`} label={`Critical miss ${i + 1}: happens when`} value={rule.kind} choices={ruleKinds} onChoose={(kind) => form.set('k', `$.criticalMisses[${i}].rule`, { kind, ...(kind === 'gradeLessUrgentThan' ? { grade: grades[0]?.value } : kind === 'keyQuestionNotAsked' ? { keyQuestion: answerKey.keyQuestions[0]?.id ?? '' } : { action: actions[0]?.value }) })} />
              {param ? (
                <SelectField part="k" path={`$.criticalMisses[${i}].rule.${param.field}`} label={`Critical miss ${i + 1}: which`} value={param.value} choices={param.choices} onChoose={(v) => form.set('k', `$.criticalMisses[${i}].rule.${param.field}`, v)} />
              ) : null}
              <button type="button" onClick={() => remove('$.criticalMisses', answerKey.criticalMisses, i)}>Remove critical miss {i + 1}</button>
            </div>
          );
        })}
        <button type="button" onClick={() => add('$.criticalMisses', answerKey.criticalMisses, { id: `cm-${answerKey.criticalMisses.length + 1}`, description: '', reason: '', rule: { kind: 'gradeLessUrgentThan', grade: grades[0]?.value ?? '' } })}>Add a critical miss</button>
      </FieldGroup>
      <FieldGroup part="k" path="$.teachingPoints" legend="Teaching points">
        {answerKey.teachingPoints.map((point, i) => (
          <div key={i} className="studio-row">
            <TextField part="k" path={`$.teachingPoints[${i}].text`} label={`Teaching point ${i + 1}`} value={point.text} />
            <TextField part="k" path={`$.teachingPoints[${i}].reference`} label={`Teaching point ${i + 1}: reference`} value={point.reference} />
          </div>
        ))}
        <button type="button" onClick={() => add('$.teachingPoints', answerKey.teachingPoints, { text: '', reference: '' })}>Add a teaching point</button>
      </FieldGroup>
      <TextField part="k" path="$.wellbeing" label="Wellbeing signpost (needed when the scenario has content warnings)" value={answerKey.wellbeing} multiline optional />
    </section>
  );
}
