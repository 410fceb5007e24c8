import type { QuestionChoiceNode } from '../../domain/scenario-schema';

/**
 * The trainee's turn to speak: the prompt (focused when it appears, so a screen-reader user hears
 * it and a keyboard user is one Tab from the first option) and each question as a button. The
 * same for a voice call and a text contact.
 */
export function QuestionChoice({
  choice,
  focusHere,
  onAsk,
}: {
  readonly choice: Pick<QuestionChoiceNode, 'id' | 'prompt' | 'options'>;
  readonly focusHere: (element: HTMLElement | null) => void;
  readonly onAsk: (optionId: string) => void;
}) {
  return (
    <section className="question-choice" aria-labelledby={`prompt-${choice.id}`}>
      <h2 id={`prompt-${choice.id}`} tabIndex={-1} ref={focusHere}>
        {choice.prompt}
      </h2>
      <ul className="option-list">
        {choice.options.map((option) => (
          <li key={option.id}>
            <button type="button" className="button option" onClick={() => onAsk(option.id)}>
              {option.text}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
