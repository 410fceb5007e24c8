import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The h1 of a screen. When a screen appears it takes focus and sets the document title, so
 * keyboard and screen-reader users land at the top of the new screen, not on a stale control.
 */
export function ScreenHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · call-trainer`;
    ref.current?.focus({ preventScroll: false });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="screen-heading">
      {children}
    </h1>
  );
}
