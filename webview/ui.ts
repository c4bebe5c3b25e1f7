/**
 * The only file that knows the UI toolkit. It is deprecated upstream; swapping it for
 * @vscode-elements/elements means changing this file alone.
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeDropdown, vsCodeOption } from '@vscode/webview-ui-toolkit';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox(), vsCodeDropdown(), vsCodeOption());

export interface ButtonOptions {
  readonly label: string;
  readonly onClick: () => void;
  readonly secondary?: boolean;
  readonly id?: string;
  readonly title?: string;
}

export function button(options: ButtonOptions): HTMLElement {
  const element = document.createElement('vscode-button');
  element.textContent = options.label;
  if (options.secondary) element.setAttribute('appearance', 'secondary');
  if (options.id) element.id = options.id;
  if (options.title) element.title = options.title;
  element.addEventListener('click', () => {
    if (!element.hasAttribute('disabled')) options.onClick();
  });
  return element;
}

/** A button that stays pressed (aria-pressed), for view toggles. */
export function toggleButton(options: ButtonOptions & { readonly pressed: boolean }): HTMLElement {
  const element = button({ ...options, secondary: true });
  setPressed(element, options.pressed);
  return element;
}

export function setPressed(element: HTMLElement, pressed: boolean): void {
  element.setAttribute('aria-pressed', String(pressed));
  element.setAttribute('appearance', pressed ? 'primary' : 'secondary');
}

export function setDisabled(element: HTMLElement, disabled: boolean): void {
  element.toggleAttribute('disabled', disabled);
}

export interface DropdownOptions<T extends string> {
  readonly id: string;
  readonly label: string;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly value: T;
  readonly onChange: (value: T) => void;
}

/** A labelled dropdown; returns the wrapper and a setter for the selected value. */
export function dropdown<T extends string>(options: DropdownOptions<T>): { element: HTMLElement; setValue(value: T): void } {
  const wrapper = document.createElement('div');
  wrapper.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = options.id;
  label.textContent = options.label;
  const select = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
  select.id = options.id;
  select.setAttribute('aria-label', options.label);
  for (const option of options.options) {
    const item = document.createElement('vscode-option') as HTMLElement & { value: string };
    item.setAttribute('value', option.value);
    item.textContent = option.label;
    select.appendChild(item);
  }
  let current = options.value;
  const setValue = (value: T) => {
    current = value;
    select.value = value;
    for (const item of Array.from(select.children)) {
      item.toggleAttribute('selected', item.getAttribute('value') === value);
    }
  };
  setValue(options.value);
  select.addEventListener('change', () => {
    const value = select.value as T;
    if (value !== current && options.options.some((o) => o.value === value)) {
      current = value;
      options.onChange(value);
    }
  });
  wrapper.append(label, select);
  return { element: wrapper, setValue };
}

export function checkbox(options: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }): HTMLElement {
  const element = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  element.id = options.id;
  element.textContent = options.label;
  element.checked = options.checked;
  element.addEventListener('change', () => options.onChange(element.checked));
  return element;
}
