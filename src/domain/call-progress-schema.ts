import { z } from 'zod';
import {
  askedQuestionSchema,
  assessmentSchema,
  callModeSchema,
  callTimelineEntrySchema,
  incidentLogEntrySchema,
  pinnedLocationSchema,
} from './call-response-schema';
import { slugSchema } from './scenario-schema';

/**
 * A call the trainee has answered and not yet submitted, as far as it got: enough to resume it
 * after a reload or a crash. The call machine produces it (`selectCallProgress`) and accepts it
 * back (`CallInput.resume`); the store keeps it (`callsInProgress`). Times are milliseconds since
 * the call was answered, so a resumed call carries on its own clock.
 */
export const heardItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('caller'),
    nodeId: slugSchema,
    clipId: z.string().max(200),
    /** Seconds into the clip at which the trainee hung up; null when the clip was not cut off. */
    cutOffAtSeconds: z.number().min(0).nullable(),
  }),
  z.strictObject({
    kind: z.literal('trainee'),
    nodeId: slugSchema,
    optionId: slugSchema,
    text: z.string().max(2000),
  }),
]);

/** How a call ended, for a call that ended but whose assessment is not submitted. */
export const callEndingSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('endNode'), nodeId: slugSchema }),
  z.strictObject({ kind: z.literal('traineeHungUp') }),
  z.strictObject({ kind: z.literal('callGraphBroken'), message: z.string().max(2000) }),
]);

/** Where the trainee had got to. */
export const callProgressStageSchema = z.enum(['connected', 'callEnded', 'assessment']);

export const callProgressSchema = z.strictObject({
  stage: callProgressStageSchema,
  /**
   * The node to resume from: while connected, the caller speech the trainee last heard (it is
   * replayed so they hear where they were); after the call, the node the call ended on.
   */
  nodeId: slugSchema,
  /** What was said before `nodeId` (the replayed line is not in it). */
  heard: z.array(heardItemSchema),
  questionsAsked: z.array(askedQuestionSchema),
  /** Time on the call when this was recorded. */
  elapsedMs: z.number().min(0),
  timeToAnswerMs: z.number().min(0),
  timeToGradeMs: z.number().min(0).nullable(),
  /** Set once the call has ended. */
  callDurationMs: z.number().min(0).nullable(),
  grade: slugSchema.nullable(),
  location: pinnedLocationSchema.nullable(),
  ending: callEndingSchema.nullable(),
  /** What the trainee had filled in on the assessment form so far; null before they opened it. */
  assessmentDraft: assessmentSchema.nullable(),
  /** Practice or assessment; absent in progress saved before modes existed (practice). */
  mode: callModeSchema.optional(),
  /** The live incident log and what the trainee met so far, so a resumed call keeps both. */
  incidentLog: z.array(incidentLogEntrySchema).optional(),
  callTimeline: z.array(callTimelineEntrySchema).optional(),
});

export type HeardItemRecord = z.infer<typeof heardItemSchema>;
export type CallEndingRecord = z.infer<typeof callEndingSchema>;
export type CallProgressStage = z.infer<typeof callProgressStageSchema>;
export type CallProgress = z.infer<typeof callProgressSchema>;
