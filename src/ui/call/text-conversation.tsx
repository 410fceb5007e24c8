import type { CallSnapshot, CallUserEvent } from '../../call/call-machine';
import {
  selectCanPause,
  selectContactKind,
  selectIsReceivingText,
  selectIsTextPaused,
  selectQuestionChoice,
  selectTranscript,
} from '../../call/call-selectors';
import type { ContactKind } from '../../domain/scenario-schema';
import { QuestionChoice } from './question-choice';

const contactKindNames: Record<ContactKind, string> = {
  'voice-call': 'Call',
  'emergency-sms': 'Emergency SMS',
  'online-report': 'Online report',
  'social-media-message': 'Social-media message',
};

interface TextConversationProps {
  readonly snapshot: CallSnapshot;
  readonly send: (event: CallUserEvent) => void;
  readonly focusHere: (element: HTMLElement | null) => void;
}

/**
 * A text contact (emergency SMS, online report, social-media message): the caller's messages
 * arrive over time in a conversation log (announced politely, no audio), and the trainee's
 * replies are the option buttons. Practice mode can pause the messages arriving.
 */
export function TextConversation({ snapshot, send, focusHere }: TextConversationProps) {
  const messages = selectTranscript(snapshot, { neutralSounds: snapshot.context.mode === 'assessment' });
  const choice = selectQuestionChoice(snapshot);
  const receiving = selectIsReceivingText(snapshot);
  const paused = selectIsTextPaused(snapshot);
  const connected = snapshot.matches('connected');
  const kindName = contactKindNames[selectContactKind(snapshot)];
  const status = paused
    ? 'Messages paused'
    : receiving
      ? 'Caller typing…'
      : choice
        ? 'Your turn: choose your reply'
        : connected
          ? 'Connected'
          : 'Call ended';
  return (
    <div className="call-workspace text-contact">
      <div className="call-main">
        <p role="status" className="call-status">
          {status}
        </p>
        <section className="conversation" aria-labelledby="conversation-heading" tabIndex={0}>
          <h2 id="conversation-heading">{kindName} conversation</h2>
          <div role="log" aria-labelledby="conversation-heading">
            {messages.length === 0 ? (
              <p className="hint">No messages yet.</p>
            ) : (
              <ol className="message-list">
                {messages.map((message, index) => (
                  <li key={index} className={`message ${message.who}`}>
                    <span className="who">{message.who === 'trainee' ? 'You' : (message.speaker ?? 'Caller')}:</span> {message.text}
                  </li>
                ))}
              </ol>
            )}
          </div>
        </section>
        <div className="call-controls">
          {selectCanPause(snapshot) && receiving && (
            <button type="button" className="button" onClick={() => send({ type: paused ? 'user.resume' : 'user.pause' })}>
              {paused ? 'Resume messages' : 'Pause messages'}
            </button>
          )}
          {connected && (
            <button type="button" className="button danger" onClick={() => send({ type: 'user.hangUp' })}>
              End the contact
            </button>
          )}
        </div>
        {choice && <QuestionChoice choice={choice} focusHere={focusHere} onAsk={(optionId) => send({ type: 'user.askQuestion', optionId })} />}
      </div>
    </div>
  );
}
