import fs from 'node:fs';
import path from 'node:path';
import { writePack } from '../../src/domain/pack-write';
import { twoBranchTemplate } from '../../src/domain/scenario-template';
import { bundledScenario, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { AssessmentPage, CallPage } from './pages/call-page';
import { DataPage } from './pages/data-page';
import { DebriefPage } from './pages/debrief-page';
import { BriefingPage, LibraryPage } from './pages/library-page';
import { DraftEditorPage, StudioPage } from './pages/studio-page';
import { fakeWebm, jsonBytes, rawZip } from '../unit/domain/pack-fixture';

// Chromium's fake microphone (a beep) stands in for the trainer's voice, and its permission
// prompt is answered yes: for this spec only.
test.use({
  launchOptions: {
    ...(process.env.CHROME_PATH ? { executablePath: process.env.CHROME_PATH } : {}),
    args: ['--disable-quic', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

const { policy } = bundledScenario('dv-whispered-999');
const assetsDir = path.join(import.meta.dirname, '../../assets/audio/dv-whispered-999');
const webmFile = (name: string) => ({ name, mimeType: 'audio/webm', buffer: fs.readFileSync(path.join(assetsDir, fs.readdirSync(assetsDir).filter((f) => f.endsWith('.webm'))[0] as string)) });
const title = 'Door kicked in at the flats';
const safeOption = 'Are you safe where you are? Can you lock the door?';
const urgentGrade = policy.grades[0]?.name ?? 'Emergency';

test('a trainer writes a two-branch call, voices it, publishes and shares it as a pack; after a wipe the pack is imported and a trainee plays and is scored', async ({ page }) => {
  test.setTimeout(300_000);
  const studio = await new StudioPage(page).open();
  await expectNoAccessibilityViolations(page, 'studio');
  await studio.newFromTemplate.click();

  const editor = new DraftEditorPage(page);
  await expect(editor.heading('New two-branch call')).toBeFocused();
  // Without audio, each clip is listed to record and its problem shows at its audio.
  await expect(editor.problemsHeading).toHaveText('3 problem(s) to fix before publishing');
  await expect(editor.toRecord.getByRole('listitem')).toHaveCount(3);

  // A validation error shown at its field: the title emptied.
  const titleField = page.getByRole('textbox', { name: 'Title', exact: true });
  await titleField.fill('');
  await expect(titleField).toHaveAttribute('aria-invalid', 'true');
  await expect(titleField).toHaveAccessibleDescription(/Problem: Empty: write something here/);
  await editor.problemLink('Scenario', '$.metadata.title').click();
  await expect(titleField).toBeFocused();
  await expectNoAccessibilityViolations(page, 'draft editor with problems');
  await titleField.fill(title);
  await expect(titleField).not.toHaveAttribute('aria-invalid');
  await page.getByRole('textbox', { name: 'Scenario id' }).fill('door-kicked-flats');

  // Voices: an imported file (with the telephone filter), a recording, and a plain import.
  await editor.importAudio('c-opening', webmFile('opening.webm'), true);
  await editor.recordAudio('c-answer-safe');
  await editor.importAudio('c-answer-name', webmFile('name.webm'), false);
  await expect(editor.toRecord).toContainText('Every clip has audio.');
  await expect(editor.problemsHeading).toHaveText('No problems: ready to publish');
  await expect(page.getByText(/The expert answer, run through the scorer, scores 100% with no critical miss/)).toBeVisible();

  // Autosaved: the draft survives a reload.
  await expect(editor.saveStatus).toHaveText('Saved.');
  await page.reload();
  await expect(editor.heading(title)).toBeFocused();
  await expect(editor.toRecord).toContainText('Every clip has audio.');

  // Preview: the draft plays on the real call screen and is scored; nothing is saved.
  await page.getByRole('link', { name: 'Play the draft as a trainee' }).click();
  const preview = new CallPage(page);
  await preview.answer.click();
  await expect(preview.status).toHaveText('Caller speaking');
  await preview.option(safeOption).click({ timeout: 60_000 });
  await expect(preview.callEndedHeading).toBeVisible({ timeout: 60_000 });
  await preview.completeAssessment.click();
  await new AssessmentPage(page, policy).completeWith(urgentGrade);
  await expect(page.getByRole('heading', { level: 1, name: `Preview scored: ${title}` })).toBeFocused();
  await expect(page.getByText(/Nothing was saved: previews are not attempts/)).toBeVisible();
  await page.getByRole('link', { name: 'Back to the draft' }).click();
  await expect(editor.heading(title)).toBeFocused();

  await editor.publish.click();
  await expect(editor.publishStatus).toContainText(`Published "${title}" as version 1`);

  await studio.open();
  const pack = await studio.exportPack([title], 'Training school');
  expect(pack.name).toMatch(/^call-trainer-pack-\d{4}-\d{2}-\d{2}\.zip$/);

  // Clear the database: the published scenario is gone from the library.
  const data = await new DataPage(page).open();
  await data.deleteAllData();
  const library = await new LibraryPage(page).open();
  await expect(library.briefingLink(title)).toHaveCount(0);

  await studio.open();
  await studio.importPack(pack.name, pack.bytes);
  await expect(studio.importReport).toContainText('1 scenario(s) added, 0 refused');
  await expect(studio.importReport).toContainText(`Added scenario door-kicked-flats (version 1): ${title}`);

  // A trainee plays it as a bundled call, hears it and is scored.
  await library.open();
  await library.briefingLink(title).click();
  const briefing = new BriefingPage(page, title);
  await expect(briefing.heading(title)).toBeFocused();
  await briefing.startCall.click();
  const call = new CallPage(page);
  await call.answer.click();
  await expect(call.status).toHaveText('Caller speaking');
  await expect.poll(() => call.audioSeconds(), { timeout: 10_000 }).toBeGreaterThan(0.3);
  await call.option(safeOption).click({ timeout: 60_000 });
  await expect(call.callEndedHeading).toBeVisible({ timeout: 60_000 });
  await call.completeAssessment.click();
  const assessment = new AssessmentPage(page, policy);
  await assessment.completeWith(urgentGrade);
  const debrief = new DebriefPage(page);
  await expect(debrief.heading(title)).toBeVisible();
  await expect(debrief.outcome).toContainText(/\d+(\.\d)?%/);
});

test('a trainer adds force systems, a required check by a cue and a re-grade after one; a problem shows at its field, and once fixed the expert answer still scores full marks', async ({ page }) => {
  test.setTimeout(120_000);
  const studio = await new StudioPage(page).open();
  await studio.newFromTemplate.click();
  const editor = new DraftEditorPage(page);
  await expect(editor.heading('New two-branch call')).toBeFocused();
  for (const clipId of ['c-opening', 'c-answer-safe', 'c-answer-name']) await editor.importAudio(clipId, webmFile(`${clipId}.webm`), false);
  await expect(editor.problemsHeading).toHaveText('No problems: ready to publish');

  // Force systems: the caller's number, whose warning-marker search finds one marker.
  await page.getByRole('button', { name: 'Add force systems' }).click();
  await editor.select('Subject 1: kind').selectOption({ label: 'Phone number' });
  const callerNumber = 'Caller\u2019s number 07700 900000';
  await editor.textbox('Subject 1: how the check screen names it').fill(callerNumber);
  await page.getByRole('button', { name: 'Add a result' }).click();
  await editor.select('Result 1: database').selectOption({ label: 'Warning markers' });
  await editor.select('Result 1, record 1: kind').selectOption({ label: 'Warning marker' });
  await editor.select('Result 1, record 1: marker').selectOption({ label: 'HIGH-RISK DOMESTIC ABUSE' });
  await editor.textbox('Result 1, record 1: what it says').fill('High-risk domestic abuse victim at this number (DASH high, March).');

  // The answer key: the expert checks the markers by the opening line, and re-grades after the bottle.
  await page.getByRole('button', { name: 'Add a required check' }).click();
  await editor.select('Required check 1: database').selectOption({ label: 'Warning markers' });
  await editor.select('Required check 1: subject').selectOption({ label: callerNumber });
  await editor.chooseMoment('Required check 1: asked for by', 'c-opening line 1:');
  await page.getByRole('button', { name: 'Add a re-grade' }).click();
  await editor.chooseMoment('Re-grade 1: after', 'c-answer-safe line 1:');
  await editor.select('Re-grade 1: grade expected').selectOption({ label: urgentGrade });
  await editor.textbox('Re-grade 1: why').fill('A man with a bottle is at the door: an immediate threat.');
  // The grade holds a second cue.
  await page.getByRole('button', { name: 'Add a cue for Grade' }).click();
  await editor.chooseMoment('Grade: cue 2', 'c-opening line 1:');

  // The required check has no reason yet: the problem shows at its field, and the summary links to it.
  const reason = editor.textbox('Required check 1: why it matters');
  await expect(editor.problemsHeading).toHaveText('1 problem(s) to fix before publishing');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(/Problem: Empty: write something here/);
  await editor.problemLink('Answer key', '$.requiredChecks[0].reason').click();
  await expect(reason).toBeFocused();
  await expectNoAccessibilityViolations(page, 'draft editor with force systems, a required check and a re-grade');
  await reason.fill('The number carries a high-risk domestic abuse marker.');
  await expect(reason).not.toHaveAttribute('aria-invalid');

  await expect(editor.problemsHeading).toHaveText('No problems: ready to publish');
  await expect(page.getByText(/The expert answer, run through the scorer, scores 100% with no critical miss/)).toBeVisible();
  await expect(editor.saveStatus).toHaveText('Saved.');
  await page.reload();
  await expect(editor.textbox('Result 1, record 1: what it says')).toHaveValue(/High-risk domestic abuse victim/);
  await expect(editor.select('Re-grade 1: after')).toHaveValue(/c-answer-safe/);
});

test('a clip with no audio yet previews with the system voice, at its line\'s speed and whispered, and its caption; with no voice, the caption alone, and the status says so', async ({ page }) => {
  // The page's speech synthesis is replaced by a recorder (headless Chromium lists no voices):
  // the first preview has a British and an American voice, the second none.
  await page.addInitScript(() => {
    const spoken: { text: string; lang: string; voice: string | undefined; rate: number; volume: number }[] = [];
    let voices = [
      { name: 'Test American', lang: 'en-US' },
      { name: 'Test British', lang: 'en-GB' },
    ];
    class Utterance {
      lang = '';
      rate = 1;
      volume = 1;
      voice: { name: string } | null = null;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(readonly text: string) {}
    }
    Object.assign(window, {
      spoken,
      silenceVoices: () => (voices = []),
      SpeechSynthesisUtterance: Utterance,
    });
    Object.defineProperty(window, 'speechSynthesis', {
      value: {
        getVoices: () => voices,
        cancel: () => undefined,
        speak: (utterance: Utterance) => {
          spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.name, rate: utterance.rate, volume: utterance.volume });
          setTimeout(() => utterance.onend?.(), 1_500);
        },
      },
    });
  });
  const studio = await new StudioPage(page).open();
  await studio.newFromTemplate.click();
  const editor = new DraftEditorPage(page);
  await expect(editor.heading('New two-branch call')).toBeFocused();
  const opening = twoBranchTemplate('new-call', policy).scenario.clips[0]!;
  const words = opening.transcript.map((line) => (line.kind === 'speech' ? line.text : line.caption)).join(' ');
  // The caller's line is slower and whispered: the preview speaks it so (quieter: a system voice cannot whisper).
  const delivery = page.getByRole('group', { name: `How clip ${opening.id}, line 1 is spoken` });
  await expect(delivery).toBeHidden();
  await page.getByText(`Clip ${opening.id}, line 1: delivery (optional)`).click();
  await delivery.getByRole('spinbutton', { name: `Clip ${opening.id}, line 1: speed` }).fill('0.8');
  await delivery.getByRole('checkbox', { name: `Clip ${opening.id}, line 1: whispered` }).check();
  await expectNoAccessibilityViolations(page, 'draft editor with a line delivery open');

  await page.getByRole('button', { name: `Preview clip ${opening.id}` }).click();
  const clip = page.locator(`.studio-audio`).filter({ has: page.getByRole('heading', { name: `Audio of clip ${opening.id}` }) });
  await expect(clip.getByRole('status')).toHaveText(`Previewing clip ${opening.id} with the system voice Test British, with its caption. Record or import audio for the real call.`);
  await expect(clip.getByText(`Caption: ${words}`)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { spoken: unknown[] }).spoken)).toEqual([{ text: words, lang: 'en-GB', voice: 'Test British', rate: 0.8, volume: 0.4 }]);
  // The caption goes when the voice has finished.
  await expect(clip.getByText(`Caption: ${words}`)).toBeHidden();

  await page.evaluate(() => (window as unknown as { silenceVoices: () => void }).silenceVoices());
  await page.getByRole('button', { name: `Preview clip ${opening.id}` }).click();
  await expect(clip.getByRole('status')).toHaveText(`No speech voice is listed by this browser: the caption below shows what the caller says in clip ${opening.id}.`);
  await expect(clip.getByText(`Caption: ${words}`)).toBeVisible();
});

test('a trainer adds a sound line and a second voice (an espeak-ng voice for the pipeline) with a line of its own, removes a line, and makes the call an emergency SMS with a message time; the draft survives a reload and the expert still scores full marks', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.newFromTemplate.click();
  const editor = new DraftEditorPage(page);
  await expect(editor.heading('New two-branch call')).toBeFocused();

  // A second voice: a child in the background.
  await page.getByRole('button', { name: 'Add a voice' }).click();
  await editor.textbox('Caption name for voice "voice-1"').fill('Child');
  // The voice pipeline renders it with espeak-ng's British voice, a little higher.
  await page.getByText('Voice "voice-1": synthesis for the voice pipeline').click();
  await editor.select('Voice "voice-1": speech engine').selectOption({ label: 'espeak-ng' });
  await editor.textbox('Voice "voice-1": engine voice').fill('en-gb-x-rp+f3');
  await page.getByRole('spinbutton', { name: 'Voice "voice-1": pitch in Hz (optional)' }).fill('220');
  // The opening clip: a sound line with a neutral caption, a line the child says, and the caller's first line removed.
  await page.getByRole('button', { name: 'Add a sound line to clip c-opening' }).click();
  await editor.select('Clip c-opening, line 2: sound').selectOption({ label: 'Child crying' });
  await editor.textbox('Clip c-opening, line 2: caption').fill('[child crying]');
  await editor.textbox('Clip c-opening, line 2: neutral caption for assessment mode (optional)').fill('[a noise in the flat]');
  await page.getByRole('button', { name: 'Add a speech line to clip c-opening' }).click();
  // Its words are still to write: reported once, at the line (its caption takes the same words).
  await expect(editor.problemLink('Scenario', '$.clips[0].transcript[2].text')).toBeVisible();
  await expect(editor.problemLink('Scenario', '$.clips[0].captions[2].text')).toHaveCount(0);
  await editor.select('Clip c-opening, line 3: who says it').selectOption({ label: 'Child' });
  await editor.textbox('Clip c-opening, line 3: what is said').fill('Mummy, who is at the door?');
  await page.getByRole('button', { name: 'Remove line 1 of clip c-opening' }).click();
  await expect(editor.textbox('Clip c-opening, line 1: caption')).toHaveValue('[child crying]');
  // A voice that says a line cannot be removed.
  await expect(page.getByRole('button', { name: 'Remove voice "voice-1"' })).toHaveCount(0);

  await expect(editor.select('Clip c-opening, line 2: who says it')).toHaveValue('voice-1');
  await expectNoAccessibilityViolations(page, 'draft editor with a sound line and a second voice');

  // One clip read as text: its audio controls go, and the checks ask for a text contact.
  const medium = editor.select('Clip c-answer-name: how it reaches the call handler');
  await medium.selectOption({ label: 'Read: text messages (emergency SMS, online report)' });
  await expect(page.getByRole('heading', { name: 'Audio of clip c-answer-name' })).toHaveCount(0);
  await expect(medium).toHaveAccessibleDescription(/A voice call plays audio/);
  await editor.select('Kind of contact').selectOption({ label: 'Emergency SMS (text)' });
  await expect(editor.toRecord).toContainText('Every clip has audio.');
  // A text contact holds messages, not sounds: the sound line goes.
  await expect(editor.problemLink('Scenario', '$.clips[0].transcript[0]')).toBeVisible();
  await page.getByRole('button', { name: 'Remove line 1 of clip c-opening' }).click();
  const arrives = page.getByRole('spinbutton', { name: 'Clip c-answer-name, message 1 arrives at', exact: true });
  await arrives.fill('1.5');
  // A caller's line added to the call graph is read as a message too; removed, its clip goes with it.
  await page.getByRole('button', { name: 'Add a caller line' }).click();
  await expect(editor.select('Clip c-line-1: how it reaches the call handler')).toHaveValue('text');
  await page.getByRole('button', { name: 'Remove step n-line-1' }).click();
  await expect(editor.select('Clip c-line-1: how it reaches the call handler')).toHaveCount(0);

  await expect(editor.problemsHeading).toHaveText('No problems: ready to publish');
  await expect(page.getByText(/The expert answer, run through the scorer, scores 100% with no critical miss/)).toBeVisible();
  await expect(editor.saveStatus).toHaveText('Saved.');
  await page.reload();
  await expect(editor.heading('New two-branch call')).toBeFocused();
  await expect(editor.textbox('Caption name for voice "voice-1"')).toHaveValue('Child');
  await page.getByText('Voice "voice-1": synthesis for the voice pipeline').click();
  await expect(editor.select('Voice "voice-1": speech engine')).toHaveValue('espeak-ng');
  await expect(editor.textbox('Voice "voice-1": engine voice')).toHaveValue('en-gb-x-rp+f3');
  await expect(editor.select('Kind of contact')).toHaveValue('emergency-sms');
  await expect(medium).toHaveValue('text');
  await expect(arrives).toHaveValue('1.5');
  await expect(editor.textbox('Clip c-opening, line 1: the message')).toHaveValue('Mummy, who is at the door?');
  await expect(page.getByText(/The expert answer, run through the scorer, scores 100% with no critical miss/)).toBeVisible();
});

test.describe('a hostile pack is refused or rendered inert', () => {
  test('path traversal: refused, nothing added', async ({ page }) => {
    const studio = await new StudioPage(page).open();
    const zip = rawZip([
      { name: 'manifest.json', data: jsonBytes({ format: 'call-trainer-pack' }) },
      { name: '../../evil.js', data: new TextEncoder().encode('alert(1)') },
    ]);
    await studio.importPack('traversal.zip', zip);
    await expect(studio.importReport).toContainText('0 scenario(s) added');
    await expect(studio.importReport).toContainText('climbs out of the pack');
  });

  test('oversized file: refused by its declared size before it is inflated', async ({ page }) => {
    const studio = await new StudioPage(page).open();
    const zip = rawZip([
      { name: 'manifest.json', data: jsonBytes({ format: 'call-trainer-pack' }) },
      { name: 'assets/audio/big-call/c-opening.webm', data: new Uint8Array(26 * 1024 * 1024), method: 8 },
    ]);
    await studio.importPack('oversized.zip', zip);
    await expect(studio.importReport).toContainText('0 scenario(s) added');
    await expect(studio.importReport).toContainText(/entry size: .*26\.0 MB/);
  });

  test('script in the text: imported as plain text, never run', async ({ page }) => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const { scenario, answerKey } = twoBranchTemplate('script-call', policy);
    const withAudio = {
      ...scenario,
      metadata: { ...scenario.metadata, title: `Inert ${hostile}`.slice(0, 120), summary: hostile },
      clips: scenario.clips.map((clip) => ({ ...clip, audio: { sources: [{ src: `audio/script-call/${clip.id}.webm`, type: 'audio/webm' as const }], durationSeconds: clip.captions.at(-1)?.end ?? 1 } })),
    };
    const files = new Map<string, Uint8Array>([
      ['scenarios/script-call/scenario.json', jsonBytes(withAudio)],
      ['scenarios/script-call/answer-key.json', jsonBytes(answerKey)],
      ...scenario.clips.map((clip) => [`assets/audio/script-call/${clip.id}.webm`, fakeWebm(clip.id)] as const),
    ]);
    const zip = await writePack(files, { title: hostile, author: hostile, createdAt: '2026-11-28T00:00:00.000Z', scenarios: [{ id: 'script-call', version: 1, title: withAudio.metadata.title }] });
    const studio = await new StudioPage(page).open();
    await studio.importPack('script.zip', zip);
    await expect(studio.importReport).toContainText('1 scenario(s) added');
    await expect(studio.importReport).toContainText(withAudio.metadata.title);
    const library = await new LibraryPage(page).open();
    await expect(page.getByText(hostile, { exact: true })).toBeVisible();
    await expect(library.briefingLink(withAudio.metadata.title)).toBeVisible();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.locator('img[src="x"], script:text("__pwned")')).toHaveCount(0);
  });
});
