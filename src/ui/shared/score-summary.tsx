/** One row of a "Score by category" table: the share earned (already worded) and its weight. */
export interface ScoreCategoryRow {
  readonly name: string;
  readonly share: string;
  readonly weight: number;
}

/** The critical misses of an attempt, with what a critical miss means; nothing when there are none. */
export function CriticalMissList({ misses, what }: { misses: ReadonlyArray<{ id: string; description: string; reason: string }>; what: string }) {
  if (misses.length === 0) return null;
  return (
    <div className="critical-misses">
      <h3>Critical {misses.length === 1 ? 'miss' : 'misses'}</h3>
      <p>A critical miss means not yet competent on this {what}, whatever the total.</p>
      <ul>
        {misses.map((miss) => (
          <li key={miss.id}>
            <strong>{/[.!?]$/.test(miss.description) ? miss.description : `${miss.description}.`}</strong> {miss.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** How the total was made: each category's share and weight. */
export function ScoreCategoryTable({ rows }: { rows: readonly ScoreCategoryRow[] }) {
  return (
    <table className="category-table">
      <caption>Score by category</caption>
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col">Your share</th>
          <th scope="col">Weight</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">{row.name}</th>
            <td>{row.share}</td>
            <td>{row.weight}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
