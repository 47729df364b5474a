/** What a style needs of its element: the `style` attribute. */
interface StyledElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * `element.style` of `svgDocument`'s elements: properties kept in order and written to the `style` attribute, set with
 * `setProperty` or as camel-case properties (`style.maxWidth = 'initial'`).
 */
export class MiniStyle {
  constructor(private readonly element: StyledElement) {
    return new Proxy(this, {
      get: (target, key, receiver) =>
        typeof key === 'string' && !(key in target)
          ? target.getPropertyValue(kebab(key))
          : Reflect.get(target, key, receiver),
      set: (target, key, value, receiver) => {
        if (typeof key === 'string' && !(key in target)) {
          target.setProperty(kebab(key), value as string);
          return true;
        }
        return Reflect.set(target, key, value, receiver);
      },
    });
  }
  private read(): Map<string, string> {
    const declarations = new Map<string, string>();
    for (const part of (this.element.getAttribute('style') ?? '').split(';')) {
      const colon = part.indexOf(':');
      if (colon > 0) declarations.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
    }
    return declarations;
  }
  private write(declarations: Map<string, string>): void {
    if (declarations.size === 0) this.element.removeAttribute('style');
    else
      this.element.setAttribute(
        'style',
        [...declarations].map(([name, value]) => `${name}:${value}`).join(';'),
      );
  }
  setProperty(name: string, value: string | null, priority?: string): void {
    const declarations = this.read();
    if (value === null || value === '') declarations.delete(name);
    else declarations.set(name, priority ? `${value} !${priority}` : String(value));
    this.write(declarations);
  }
  removeProperty(name: string): string {
    const declarations = this.read();
    const old = declarations.get(name) ?? '';
    declarations.delete(name);
    this.write(declarations);
    return old;
  }
  getPropertyValue(name: string): string {
    return this.read().get(name) ?? '';
  }
}
