/**
 * The place the "Practise next" card takes while its suggestion is worked out (the card loads
 * lazily and reads the profile's attempts). It has the card's shape and reserved height, so the
 * library below does not jump when the suggestion arrives (Lighthouse's layout shift).
 */
export function NextScenarioSlot() {
  return (
    <aside className="next-scenario next-scenario-pending" aria-labelledby="next-scenario-heading" aria-busy="true">
      <h2 id="next-scenario-heading">Practise next</h2>
      <p>Working out what to practise next from your attempts…</p>
    </aside>
  );
}
