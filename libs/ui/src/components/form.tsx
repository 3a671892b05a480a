import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import { Icon, type IconName } from './icon';

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
}

function Described({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p className="pl-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="pl-field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

const describedBy = (id: string, hint?: string, error?: string): string | undefined =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

export function TextField({
  label,
  hint,
  error,
  id,
  ...rest
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className="pl-field">
      <label className="pl-field__label" htmlFor={fieldId}>
        {label}
      </label>
      <Described id={fieldId} hint={hint} error={error} />
      <input
        id={fieldId}
        className="pl-input"
        aria-describedby={describedBy(fieldId, hint, error)}
        aria-invalid={error ? true : undefined}
        {...rest}
      />
    </div>
  );
}

export function TextArea({
  label,
  hint,
  error,
  id,
  hideLabel,
  ...rest
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { hideLabel?: boolean }) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className="pl-field">
      <label className={hideLabel ? 'pl-visually-hidden' : 'pl-field__label'} htmlFor={fieldId}>
        {label}
      </label>
      <Described id={fieldId} hint={hint} error={error} />
      <textarea
        id={fieldId}
        className="pl-input pl-textarea"
        aria-describedby={describedBy(fieldId, hint, error)}
        aria-invalid={error ? true : undefined}
        {...rest}
      />
    </div>
  );
}

export function Select({
  label,
  hint,
  error,
  id,
  children,
  ...rest
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className="pl-field">
      <label className="pl-field__label" htmlFor={fieldId}>
        {label}
      </label>
      <Described id={fieldId} hint={hint} error={error} />
      <select
        id={fieldId}
        className="pl-input pl-select"
        aria-describedby={describedBy(fieldId, hint, error)}
        {...rest}
      >
        {children}
      </select>
    </div>
  );
}

export interface ChoiceOption<V extends string> {
  value: V;
  label: string;
  description: string;
  icon?: IconName;
}

/**
 * A choice shown as large cards with a sentence each (a radio group): used where the choice matters,
 * such as who will read a post.
 */
export function ChoiceCards<V extends string>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: ChoiceOption<V>[];
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <fieldset className="pl-choices">
      <legend className="pl-choices__legend">{legend}</legend>
      <div className="pl-choices__options">
        {options.map((option) => (
          <label key={option.value} className="pl-choice">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span className="pl-choice__body">
              <span className="pl-choice__title">
                {option.icon && <Icon name={option.icon} />}
                {option.label}
              </span>
              <span className="pl-choice__text">{option.description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A yes/no choice with its consequence written out underneath. */
export function Toggle({
  label,
  description,
  checked,
  onChange,
}: {
  label: string;
  description: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="pl-toggle">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={`${id}-text`}
      />
      <label htmlFor={id} className="pl-toggle__label">
        {label}
      </label>
      <p id={`${id}-text`} className="pl-toggle__text">
        {description}
      </p>
    </div>
  );
}
