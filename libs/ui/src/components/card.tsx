import type { HTMLAttributes, ReactNode } from 'react';

export function Card({
  as: Tag = 'section',
  className,
  children,
  ...rest
}: HTMLAttributes<HTMLElement> & { as?: 'section' | 'article' | 'div' | 'li'; children: ReactNode }) {
  return (
    <Tag className={`pl-card ${className ?? ''}`} {...rest}>
      {children}
    </Tag>
  );
}
