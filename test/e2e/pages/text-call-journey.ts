import { expect, type Page } from '@playwright/test';
import type { ForcePolicy } from '../../../src/domain/force-policy-schema';
import type { Scenario } from '../../../src/domain/scenario-schema';
import { AssessmentPage, CallPage } from './call-page';
import { DebriefPage } from './debrief-page';

/**
 * The naive handler's call, read rather than heard (its audio blocked by the caller of this):
 * from the Answer button, each clip is read and continued, the naive questions are asked, every
 * element rated Medium, the grade Priority, the given actions ticked (ids; those the policy lacks
 * are skipped), and the assessment submitted. `app` may be a page or an LMS's frame.
 */
export async function readAndAssessNaively(app: Page, scenario: Scenario, policy: ForcePolicy, naiveOptionIds: readonly string[], actionIds: readonly string[]): Promise<void> {
  const call = new CallPage(app);
  await call.answer.click();
  const choiceNodes = scenario.callGraph.nodes.flatMap((node) => (node.kind === 'questionChoice' ? [node] : []));
  const visited: string[] = [];
  while (!(await call.callEndedHeading.isVisible())) {
    const cont = app.getByRole('button', { name: 'Continue' });
    const option = choiceNodes.flatMap((node) => node.options).find((o) => naiveOptionIds.includes(o.id) && !visited.includes(o.id));
    await expect(cont.or(option ? call.option(option.text) : cont).or(call.callEndedHeading).first()).toBeVisible();
    if (await cont.isVisible()) await cont.click();
    else if (option && (await call.option(option.text).isVisible())) {
      visited.push(option.id);
      await call.option(option.text).click();
    }
  }
  await call.completeAssessment.click();
  const assessment = new AssessmentPage(app, policy);
  await expect(assessment.heading).toBeFocused();
  for (const element of policy.framework.elements) {
    await assessment.ratingGroup(element.name).getByRole('radio', { name: 'Medium' }).check();
    await assessment.rationale(element.name).fill('Sounded like an argument.');
  }
  await assessment.grade('Priority').check();
  for (const id of actionIds) {
    const action = policy.safeguardingActions.find((a) => a.id === id);
    if (action) await assessment.action(action.label).check();
  }
  await assessment.submit.click();
}

/**
 * The quickest whole attempt (as in call-journey.spec.ts): the call's audio is blocked, so the
 * trainee reads each clip and presses Continue, asks the naive questions, rates every element
 * Medium, grades Priority and ticks "call back". Ends on the debrief; returns the attempt id.
 */
export async function completeTextOnlyAttempt(page: Page, scenario: Scenario, policy: ForcePolicy, naiveOptionIds: readonly string[]): Promise<string> {
  await page.route(`**/audio/${scenario.id}/**`, (route) => route.abort('failed'));
  await page.goto(`/#/scenarios/${scenario.id}/call`);
  await readAndAssessNaively(page, scenario, policy, naiveOptionIds, ['call-back-caller']);
  await expect(new DebriefPage(page).heading(scenario.metadata.title)).toBeVisible();
  const match = /#\/attempts\/([0-9a-f-]{36})$/.exec(page.url());
  if (!match) throw new Error(`not on a debrief: ${page.url()}`);
  return match[1]!;
}
