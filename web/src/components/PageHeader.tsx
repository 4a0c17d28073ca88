import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  section?: string;
  actions?: ReactNode;
}

export function PageHeader({ title, section, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div>
        {section ? <p className="page-section">{section}</p> : null}
        <h1>{title}</h1>
      </div>
      {actions ? <div className="actions">{actions}</div> : null}
    </header>
  );
}
