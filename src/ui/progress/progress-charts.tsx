// The one file that imports recharts (ESLint enforces it): the chart library stays in the
// progress screen's lazy chunk, and every chart here is drawn beside a table that carries the
// same figures, so the charts are hidden from assistive technology (aria-hidden, no focus stops).
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useEffect } from 'react';
import type { BandShare, ElementAccuracy, ScorePoint, TimeToGradePoint } from '../../domain/progress-figures';
import { DASHBOARD_CHART_MARK } from './dashboard-marks';

const axis = { stroke: '#c3cad3', tick: { fill: '#c3cad3', fontSize: 12 } };
const tooltipStyle = { contentStyle: { background: '#2a2f37', border: '1px solid #5a6472', color: '#eef1f4' } };

function ChartFrame({ children }: { children: React.ReactElement }) {
  useEffect(() => {
    performance.mark(DASHBOARD_CHART_MARK);
  }, []);
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={240}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}

/** Score of each of the latest attempts, in order. */
export function ScoreChart({ points }: { points: readonly ScorePoint[] }) {
  const data = points.map((p, i) => ({ n: i + 1, percent: p.percent }));
  return (
    <ChartFrame>
      <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#3d4450" />
        <XAxis dataKey="n" {...axis} />
        <YAxis domain={[0, 100]} unit="%" {...axis} />
        <Tooltip {...tooltipStyle} />
        <Line type="monotone" dataKey="percent" name="Score" stroke="#9cc8ff" strokeWidth={2} dot={points.length <= 30} isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
}

/** Share of attempts whose rating of each element matched the expert's. */
export function ElementAccuracyChart({ rows }: { rows: ReadonlyArray<ElementAccuracy & { name: string }> }) {
  const data = rows.map((r) => ({ name: r.name, accuracy: Math.round(r.accuracy * 100) }));
  return (
    <ChartFrame>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#3d4450" />
        <XAxis dataKey="name" {...axis} />
        <YAxis domain={[0, 100]} unit="%" {...axis} />
        <Tooltip {...tooltipStyle} />
        <Bar dataKey="accuracy" name="Matched the expert" fill="#8fdc97" isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

/** Seconds to grade per attempt and the moving average. */
export function TimeToGradeChart({ points }: { points: readonly TimeToGradePoint[] }) {
  const data = points.map((p, i) => ({ n: i + 1, seconds: p.seconds, average: p.movingAverageSeconds }));
  return (
    <ChartFrame>
      <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#3d4450" />
        <XAxis dataKey="n" {...axis} />
        <YAxis unit=" s" {...axis} />
        <Tooltip {...tooltipStyle} />
        <Legend />
        <Line type="monotone" dataKey="seconds" name="Time to grade" stroke="#ffc46b" dot={points.length <= 30} isAnimationActive={false} />
        <Line type="monotone" dataKey="average" name="Moving average" stroke="#9cc8ff" strokeDasharray="6 3" dot={false} isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
}

/** Attempts in each compliance band over the rolling window. */
export function ComplianceChart({ bands }: { bands: readonly BandShare[] }) {
  const data = bands.map((b) => ({ name: b.label, count: b.count }));
  return (
    <ChartFrame>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#3d4450" />
        <XAxis dataKey="name" {...axis} />
        <YAxis allowDecimals={false} {...axis} />
        <Tooltip {...tooltipStyle} />
        <Bar dataKey="count" name="Attempts" fill="#9cc2ff" isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
