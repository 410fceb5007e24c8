import type { GradeCell, GradeConfusion } from '../../domain/progress-figures';

const cellMark: Record<GradeCell['kind'], string> = { match: '✓', under: '▼ under', over: '▲ over', 'not-graded': '○ none' };

/**
 * Grades given against the expert's: a row per expected grade, a column per given grade plus
 * "Not graded", each cell marked ✓ (the expert's), ▼ under-graded or ▲ over-graded in words as
 * well as style. The trainee's dashboard and the trainer's cohort view both show it.
 *
 * @param rows the expected grades to show as rows (default: every grade).
 */
export function GradeConfusionTable({
  confusion,
  caption,
  gradeName,
  rows = confusion.grades,
}: {
  confusion: GradeConfusion;
  caption: string;
  gradeName: (grade: string) => string;
  rows?: readonly string[];
}) {
  return (
    <table className="data-table confusion-matrix">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <td />
          {confusion.grades.map((g) => (
            <th scope="col" key={g}>
              Given: {gradeName(g)}
            </th>
          ))}
          <th scope="col">Not graded</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((expected) => (
          <tr key={expected}>
            <th scope="row">Expected: {gradeName(expected)}</th>
            {confusion.cells
              .filter((c) => c.expected === expected)
              .map((c) => (
                <ConfusionCell key={c.given ?? 'none'} cell={c} />
              ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ConfusionCell({ cell }: { cell: GradeCell }) {
  if (cell.count === 0) return <td className="cell-empty">0</td>;
  return (
    <td className={`cell-${cell.kind}`}>
      <strong>{cell.count}</strong> <span className="mark">{cellMark[cell.kind]}</span>
      {cell.accepted > 0 && `, ${cell.accepted} accepted`}
    </td>
  );
}
