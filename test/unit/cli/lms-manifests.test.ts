import { describe, expect, it } from 'vitest';
import { cmi5CourseStructure, scorm12Manifest, xmlText } from '../../../src/cli/lms-package/lms-manifests';

const info = { identifier: 'call-trainer', title: 'Calls & "risk" <THRIVE+>', description: 'Practise calls.', version: '0.1.0' };

describe('LMS package manifests', () => {
  it('escapes text for XML', () => {
    expect(xmlText(`a & b < c > d "e" 'f'`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
  });

  it('SCORM 1.2: one SCO launching index.html, listing every file once, sorted', () => {
    const xml = scorm12Manifest(info, ['index.html', 'assets/b.js', 'audio/x/one.webm', 'assets/a.js']);
    expect(xml).toContain('<schemaversion>1.2</schemaversion>');
    expect(xml).toContain('<resource identifier="call-trainer-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">');
    expect(xml.match(/adlcp:scormtype="sco"/g)).toHaveLength(1);
    expect([...xml.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => m[1])).toEqual(['assets/a.js', 'assets/b.js', 'audio/x/one.webm', 'index.html']);
    expect(xml).toContain('<title>Calls &amp; &quot;risk&quot; &lt;THRIVE+&gt;</title>');
    expect(xml).toContain('<organizations default="call-trainer-org">');
    expect(xml).toContain('identifierref="call-trainer-sco"');
  });

  it('cmi5: one course and one AU at index.html', () => {
    const xml = cmi5CourseStructure(info, 'https://example.test/course');
    expect(xml).toContain('<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">');
    expect(xml).toContain('<course id="https://example.test/course">');
    expect(xml.match(/<au /g)).toHaveLength(1);
    expect(xml).toContain('<url>index.html</url>');
    expect(xml).toContain('moveOn="CompletedOrPassed"');
  });
});
