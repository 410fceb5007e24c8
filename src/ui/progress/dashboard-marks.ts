/**
 * Performance marks the dashboard sets; `npm run bench` times them with 10,000 attempts.
 * - figures: every figure is on screen in its table (the dashboard is usable).
 * - chart: one chart has been drawn (the charts load in their own chunk, just after the tables).
 */
export const DASHBOARD_READY_MARK = 'dashboard-figures-rendered';
export const DASHBOARD_CHART_MARK = 'dashboard-chart-drawn';
/** How many charts the dashboard draws (one mark each). */
export const DASHBOARD_CHART_COUNT = 4;
