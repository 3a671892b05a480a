import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link, type LinkProps } from '../router';
import { Icon, type IconName } from './icon';

type Variant = 'primary' | 'secondary' | 'quiet';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  icon?: IconName;
  busy?: boolean;
}

/** A button always has a visible word; an icon only supports it. */
export function Button({ variant = 'primary', icon, busy, children, className, type, ...rest }: ButtonProps) {
  return (
    <button
      type={type ?? 'button'}
      className={`pl-button pl-button--${variant} ${className ?? ''}`}
      aria-busy={busy || undefined}
      {...rest}
    >
      {icon && <Icon name={icon} />}
      <span>{children}</span>
    </button>
  );
}

export function ButtonLink({
  variant = 'primary',
  icon,
  children,
  className,
  ...rest
}: LinkProps & { variant?: Variant; icon?: IconName; children: ReactNode }) {
  return (
    <Link className={`pl-button pl-button--${variant} ${className ?? ''}`} {...rest}>
      {icon && <Icon name={icon} />}
      <span>{children}</span>
    </Link>
  );
}
