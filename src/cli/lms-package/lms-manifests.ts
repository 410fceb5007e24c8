/**
 * The manifests of the two LMS packages `npm run package:scorm` writes: SCORM 1.2's
 * imsmanifest.xml (one SCO launching index.html, every file listed) and cmi5's cmi5.xml (one
 * course with one AU). Pure: the command passes the file list and the package's identity.
 */
export interface LmsPackageInfo {
  /** A stable identifier, e.g. "call-trainer". */
  readonly identifier: string;
  readonly title: string;
  readonly description: string;
  readonly version: string;
}

/** Escapes text for an XML attribute or element. */
export function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** SCORM 1.2 (ADL CAM 1.2) manifest: one organisation, one item, one SCO resource with every file. */
export function scorm12Manifest(info: LmsPackageInfo, files: readonly string[]): string {
  const fileLines = [...files].sort().map((file) => `        <file href="${xmlText(file)}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xmlText(info.identifier)}-scorm12" version="${xmlText(info.version)}"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${xmlText(info.identifier)}-org">
    <organization identifier="${xmlText(info.identifier)}-org">
      <title>${xmlText(info.title)}</title>
      <item identifier="${xmlText(info.identifier)}-item" identifierref="${xmlText(info.identifier)}-sco" isvisible="true">
        <title>${xmlText(info.title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${xmlText(info.identifier)}-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
${fileLines.join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

/**
 * cmi5 course structure: one course, one AU launching index.html, moving on when completed or
 * passed. `publisherId` is the IRI that identifies the course and AU.
 */
export function cmi5CourseStructure(info: LmsPackageInfo, publisherId: string): string {
  const title = (text: string) => `<langstring lang="en-GB">${xmlText(text)}</langstring>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${xmlText(publisherId)}">
    <title>${title(info.title)}</title>
    <description>${title(info.description)}</description>
  </course>
  <au id="${xmlText(publisherId)}/au/call-trainer" moveOn="CompletedOrPassed" launchMethod="AnyWindow">
    <title>${title(info.title)}</title>
    <description>${title(info.description)}</description>
    <url>index.html</url>
  </au>
</courseStructure>
`;
}
