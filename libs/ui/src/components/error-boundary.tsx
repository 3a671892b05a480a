import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useT } from '../i18n';
import { Icon } from './icon';
import { ErrorState } from './states';

/**
 * Catches a render error below it and shows `fallback` instead, so one broken part (a malformed post, a
 * bug in one card) never blanks the whole page. A new `resetKey` (another page, another post) tries again.
 */
export class ErrorBoundary extends Component<
  { fallback: ReactNode; resetKey?: unknown; children: ReactNode },
  { failed: boolean; resetKey: unknown }
> {
  override state = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  static getDerivedStateFromProps(
    props: { resetKey?: unknown },
    state: { failed: boolean; resetKey: unknown },
  ): { failed: boolean; resetKey: unknown } | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Seen in the browser's console for whoever looks into it; the person using Plein sees the fallback.
    console.error('plein: a part of the page could not be shown', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** In place of a post that cannot be shown: a short sentence, the rest of the timeline stays. */
export function PostFallback() {
  const t = useT();
  return (
    <div className="pl-card pl-post pl-post--broken" role="note">
      <Icon name="info" />
      <p>{t('post.broken')}</p>
    </div>
  );
}

/** In place of a page that cannot be shown: what happened, and a way to try again. */
export function PageFallback() {
  const t = useT();
  return (
    <>
      <h1>{t('ui.pageBroken.title')}</h1>
      <ErrorState title={t('ui.error.title')} onRetry={() => window.location.reload()}>
        <p>{t('ui.pageBroken.text')}</p>
      </ErrorState>
    </>
  );
}
