import type { Page, Route } from '@playwright/test';
import { bundledScenario, expect, test } from './fixtures';
import { AssessmentPage, CallPage } from './pages/call-page';
import { DebriefPage } from './pages/debrief-page';
import { BriefingPage, LibraryPage } from './pages/library-page';

const { scenario, answerKey, policy } = bundledScenario('dv-whispered-999');
const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';

// The scenario as a hostile trainer (or a tampered pack) might write it: markup in its title,
// summary, the caller's first line (caption and transcript) and the expert's rationale.
const title = `Whispered call ${payload}`;
const summary = `A caller whispers. ${payload}`;
const firstLine = `Police, please. ${payload}`;
const rationale = `He is in the house and has a knife. ${payload}`;

const hostileScenario = structuredClone(scenario) as typeof scenario;
hostileScenario.metadata.title = title;
hostileScenario.metadata.summary = summary;
const startNode = hostileScenario.callGraph.nodes.find((n) => n.id === hostileScenario.callGraph.start);
const openingClip = hostileScenario.clips.find((c) => startNode?.kind === 'callerSpeech' && c.id === startNode.clip);
// The first thing the caller says: its caption and its transcript line.
const spoken = openingClip?.captions.find((c) => openingClip.transcript[c.line]?.kind === 'speech');
const line = spoken && openingClip?.transcript[spoken.line];
if (!spoken || line?.kind !== 'speech') throw new Error('the opening clip has no spoken line');
spoken.text = firstLine;
line.text = firstLine;
const hostileKey = structuredClone(answerKey) as typeof answerKey;
hostileKey.thrive.threat!.rationale = rationale;

/**
 * Serves the built scenario and answer-key chunks of this call with the hostile text, so it goes
 * through the app's real loader and schema like any bundled file.
 */
async function serveHostileFiles(page: Page) {
  const replace = (document: unknown) => async (route: Route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (!body.includes(scenario.id)) return route.fulfill({ response });
    return route.fulfill({ response, body: `export default ${JSON.stringify(document)};`, contentType: 'text/javascript' });
  };
  // Only the data chunks (scenario-<hash>.js, answer-key-<hash>.js), not code chunks named after
  // a module such as scenario-schema-<hash>.js.
  const dataChunk = (name: string) => (url: URL) => new RegExp(`/assets/${name}-[A-Za-z0-9_-]{8}\\.js$`).test(url.pathname);
  await page.route(dataChunk('scenario'), replace(hostileScenario));
  await page.route(dataChunk('answer-key'), replace(hostileKey));
}

const noScriptRan = (page: Page) => page.evaluate(() => (window as { __xss?: unknown }).__xss);

test('scenario text carrying HTML or script is shown as plain text and never runs', async ({ page }) => {
  test.setTimeout(180_000);
  await serveHostileFiles(page);
  const library = await new LibraryPage(page).open();
  await expect(library.briefingLink(title)).toBeVisible();
  await expect(page.getByText(summary, { exact: true })).toBeVisible();
  await expect(page.getByRole('img')).toHaveCount(0);

  await library.briefingLink(title).click();
  const briefing = new BriefingPage(page, title);
  await expect(briefing.heading(title)).toBeVisible();
  await expect(page.getByText(summary, { exact: true })).toBeVisible();
  await briefing.startCall.click();

  const call = new CallPage(page);
  await call.answer.click();
  await expect(call.caption).toContainText(firstLine, { timeout: 30_000 });
  await expect(call.transcript).toContainText(firstLine);
  // The rest of the call is read rather than heard, to keep the test short.
  await page.route(`**/audio/${scenario.id}/**`, (route) => route.abort('failed'));
  const optionText = (id: string) =>
    scenario.callGraph.nodes.flatMap((n) => (n.kind === 'questionChoice' ? n.options : [])).find((o) => o.id === id)!.text;
  await call.talkThrough(['first-address', 'threats-weapons', 'others-children', 'children-go-check'].map(optionText));
  await call.completeAssessment.click();
  await new AssessmentPage(page, policy).completeWith('Emergency');

  const debrief = new DebriefPage(page);
  await expect(debrief.heading(title)).toBeVisible();
  const threat = policy.framework.elements.find((e) => e.id === 'threat')!;
  await expect(debrief.elementRow(threat.letter, threat.name)).toContainText(rationale);
  await expect(page.getByRole('img')).toHaveCount(0);
  expect(await noScriptRan(page)).toBeUndefined();
});
