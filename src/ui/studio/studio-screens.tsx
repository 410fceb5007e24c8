import type { ReactNode } from 'react';
import { DraftEditorScreen } from './draft-editor-screen';
import { DraftPreview } from './draft-preview';
import { StudioScreen } from './studio-screen';

/**
 * The studio's screens, loaded together as one lazy chunk: the front page, one draft, or a
 * draft's preview on the real call screen (`renderCall`, which the app shell supplies: features
 * do not import each other).
 */
export function StudioScreens({ draftId, preview, renderCall }: { draftId?: string; preview?: boolean; renderCall?: (scenarioId: string) => ReactNode }) {
  if (!draftId) return <StudioScreen />;
  if (preview && renderCall) return <DraftPreview key={draftId} draftId={draftId} renderCall={renderCall} />;
  return <DraftEditorScreen key={draftId} draftId={draftId} />;
}
