import type { ReactNode } from 'react';
import type { ResourceState } from '../api/use-resource';
import { useT } from '../i18n';
import { Icon, type IconName } from './icon';

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="pl-state pl-state--loading" role="status">
      <span className="pl-spinner" aria-hidden="true" />
      <span>{label ?? t('ui.loading')}</span>
    </div>
  );
}

/** "Nothing here (yet)": a friendly sentence, optionally what you can do about it. */
export function EmptyState({
  icon = 'info',
  title,
  children,
  action,
}: {
  icon?: IconName;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="pl-state pl-state--empty">
      <Icon name={icon} size={40} />
      <p className="pl-state__title">{title}</p>
      {children && <div className="pl-state__text">{children}</div>}
      {action && <div className="pl-state__action">{action}</div>}
    </div>
  );
}

export function ErrorState({
  title,
  children,
  onRetry,
}: {
  title: string;
  children?: ReactNode;
  onRetry?: () => void;
}) {
  const t = useT();
  return (
    <div className="pl-state pl-state--error" role="alert">
      <Icon name="info" size={40} />
      <p className="pl-state__title">{title}</p>
      {children && <div className="pl-state__text">{children}</div>}
      {onRetry && (
        <button type="button" className="pl-button pl-button--secondary" onClick={onRetry}>
          <span>{t('ui.retry')}</span>
        </button>
      )}
    </div>
  );
}

/**
 * Shows one API resource: loading, the data, or a clear reason why not — the part of Plein is not there
 * yet (no route), not reachable now, not found, not allowed, or another error.
 */
export function ResourceView<T>({
  state,
  onRetry,
  children,
}: {
  state: ResourceState<T>;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'ok':
      return <>{children(state.data)}</>;
    case 'coming':
      return (
        <EmptyState icon="clock" title={t('ui.coming.title')}>
          <p>{t('ui.coming.text')}</p>
        </EmptyState>
      );
    case 'unavailable':
      return (
        <ErrorState title={t('ui.unavailable.title')} onRetry={onRetry}>
          <p>{t('ui.unavailable.text')}</p>
        </ErrorState>
      );
    case 'notFound':
      return (
        <EmptyState icon="search" title={t('ui.notFound.title')}>
          <p>{t('ui.notFound.text')}</p>
        </EmptyState>
      );
    case 'forbidden':
      return (
        <EmptyState icon="lock" title={t('ui.forbidden.title')}>
          <p>{t('ui.forbidden.text')}</p>
        </EmptyState>
      );
    case 'error':
      return (
        <ErrorState title={t('ui.error.title')} onRetry={onRetry}>
          <p>{t('ui.error.text')}</p>
        </ErrorState>
      );
  }
}
