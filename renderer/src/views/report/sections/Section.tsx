/**
 * What every report section is built from: its titled <section> wrapper (the anchor the contents
 * and print page breaks use), the illustrative tag and the note shown when a section has no figures.
 */
import type { ReactNode } from 'react';
import type { ReportSection } from '../reportModel';

export function Section({
  section,
  children,
  className,
}: {
  section: ReportSection;
  children: ReactNode;
  className?: string;
}) {
  const id = `report-${section.id}`;
  return (
    <section
      className={`report-section${className ? ` ${className}` : ''}`}
      aria-labelledby={`${id}-title`}
      data-testid="report-section"
      data-section={section.id}
    >
      <h2 id={`${id}-title`} className="report-section-title">
        {section.title}
      </h2>
      {children}
    </section>
  );
}

export function Tag({ children }: { children: ReactNode }) {
  return <span className="tag tag-illustrative report-tag">{children}</span>;
}

export function Problem({ children }: { children: ReactNode }) {
  return <p className="report-problem">{children}</p>;
}
