/**
 * XML (POMs, MSBuild projects) read by saxes, a strict streaming parser that keeps offsets, into a
 * small element tree built with a stack (no recursion, so deep nesting costs no stack). DTD
 * entities are not expanded: saxes reports an undefined entity as an error instead.
 */
import { SaxesParser } from 'saxes';
import { UnreadableFile } from './formats';

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** The element's own text (not its children's), trimmed. */
  text: string;
  /** Offsets of its `<` and of the end of its closing tag (or of `/>`). */
  readonly start: number;
  end: number;
  /** Where its start tag ends. */
  startTagEnd: number;
  readonly children: XmlElement[];
}

export function readXml(text: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const root: XmlElement = { name: '', attributes: {}, text: '', start: 0, end: text.length, startTagEnd: 0, children: [] };
  const stack: XmlElement[] = [root];
  let failure: string | undefined;
  parser.on('error', (error) => {
    failure ??= `invalid XML at line ${/^(\d+)/.exec(error.message)?.[1] ?? parser.line}`;
    throw new UnreadableFile(failure);
  });
  parser.on('opentag', (tag) => {
    const position = parser.position;
    const element: XmlElement = {
      name: tag.name,
      attributes: Object.fromEntries(
        Object.entries(tag.attributes).map(([key, value]) => [key, typeof value === 'string' ? value : value.value]),
      ),
      text: '',
      start: Math.max(0, text.lastIndexOf('<', position - 1)),
      end: position,
      startTagEnd: position,
      children: [],
    };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('text', (value) => {
    const element = stack.at(-1)!;
    if (element !== root) element.text += value;
  });
  parser.on('cdata', (value) => {
    stack.at(-1)!.text += value;
  });
  parser.on('closetag', () => {
    const element = stack.pop()!;
    element.end = parser.position;
    element.text = element.text.trim();
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile(failure ?? 'invalid XML');
  }
  return root;
}

/** The children named `name` (XML names are case-sensitive; MSBuild's are not, so `anyCase` compares without case). */
export function childrenNamed(element: XmlElement | undefined, name: string, anyCase = false): XmlElement[] {
  if (!element) return [];
  const wanted = anyCase ? name.toLowerCase() : name;
  return element.children.filter((child) => (anyCase ? child.name.toLowerCase() : child.name) === wanted);
}

export function childNamed(element: XmlElement | undefined, name: string, anyCase = false): XmlElement | undefined {
  return childrenNamed(element, name, anyCase)[0];
}

/** An attribute by name, MSBuild-style (without case). */
export function attribute(element: XmlElement, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(element.attributes)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
