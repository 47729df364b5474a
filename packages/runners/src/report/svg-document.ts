/**
 * A small DOM, enough for Observable Plot to draw the report's charts in Node and for them to be
 * serialised: elements with attributes (and a `style` reflected into its attribute), text nodes,
 * tree edits, and `outerHTML` written as an HTML serialiser writes it. Plot needs no layout to
 * render static marks, so there is none; events are accepted and never fire. Tests check that
 * every chart of the report serialises to the same string as under linkedom's full DOM.
 * @internal
 */

import { MiniStyle } from './svg-document-style';

const XHTML = 'http://www.w3.org/1999/xhtml';
/** HTML elements without an end tag. */
const VOID = new Set([
  'area',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'wbr',
]);
/** HTML elements whose text is written as it is. */
const RAW_TEXT = new Set(['style', 'script']);

const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

abstract class MiniNode {
  parentNode: MiniElement | null = null;
  readonly childNodes: MiniNode[] = [];
  abstract readonly nodeType: number;
  constructor(readonly ownerDocument: MiniDocument) {}

  get firstChild(): MiniNode | null {
    return this.childNodes[0] ?? null;
  }
  get lastChild(): MiniNode | null {
    return this.childNodes.at(-1) ?? null;
  }
  get nextSibling(): MiniNode | null {
    const siblings = this.parentNode?.childNodes;
    return siblings?.[siblings.indexOf(this) + 1] ?? null;
  }
  get isConnected(): boolean {
    return false;
  }
  abstract get textContent(): string;
  abstract set textContent(value: string);
  /** This node as HTML. */
  abstract serialize(rawText: boolean): string;

  /** `ParentNode.append`: nodes, and strings as text. */
  append(...nodes: Array<MiniNode | string>): void {
    for (const node of nodes)
      this.appendChild(typeof node === 'string' ? new MiniText(this.ownerDocument, node) : node);
  }
  appendChild<T extends MiniNode>(child: T): T {
    return this.insertBefore(child, null);
  }
  insertBefore<T extends MiniNode>(child: T, reference: MiniNode | null): T {
    child.remove();
    const at = reference ? this.childNodes.indexOf(reference) : -1;
    this.childNodes.splice(at < 0 ? this.childNodes.length : at, 0, child);
    child.parentNode = this as unknown as MiniElement;
    return child;
  }
  removeChild<T extends MiniNode>(child: T): T {
    const i = this.childNodes.indexOf(child);
    if (i < 0) throw new Error('removeChild: not a child of this node');
    this.childNodes.splice(i, 1);
    child.parentNode = null;
    return child;
  }
  remove(): void {
    this.parentNode?.removeChild(this);
  }
  replaceWith(node: MiniNode): void {
    const parent = this.parentNode;
    if (!parent) return;
    parent.insertBefore(node, this);
    parent.removeChild(this);
  }
  contains(node: MiniNode | null): boolean {
    for (let n = node; n; n = n.parentNode) if (n === this) return true;
    return false;
  }
  addEventListener(): void {}
  removeEventListener(): void {}
  dispatchEvent(): boolean {
    return true;
  }
}

class MiniText extends MiniNode {
  readonly nodeType = 3;
  constructor(
    ownerDocument: MiniDocument,
    public data: string,
  ) {
    super(ownerDocument);
  }
  get textContent(): string {
    return this.data;
  }
  set textContent(value: string) {
    this.data = String(value);
  }
  serialize(rawText: boolean): string {
    return rawText ? this.data : escapeText(this.data);
  }
  cloneNode(): MiniText {
    return new MiniText(this.ownerDocument, this.data);
  }
}

class MiniElement extends MiniNode {
  readonly nodeType = 1;
  readonly localName: string;
  private readonly attributeMap = new Map<string, string>();
  readonly style: MiniStyle = new MiniStyle(this);

  constructor(
    ownerDocument: MiniDocument,
    readonly namespaceURI: string,
    name: string,
  ) {
    super(ownerDocument);
    this.localName = namespaceURI === XHTML ? name.toLowerCase() : name;
  }
  get tagName(): string {
    return this.namespaceURI === XHTML ? this.localName.toUpperCase() : this.localName;
  }
  get nodeName(): string {
    return this.tagName;
  }
  get children(): MiniElement[] {
    return this.childNodes.filter((n): n is MiniElement => n instanceof MiniElement);
  }
  get ownerSVGElement(): MiniElement | null {
    let n = this.parentNode;
    while (n && n.localName !== 'svg') n = n.parentNode;
    return n;
  }
  get className(): string {
    return this.getAttribute('class') ?? '';
  }
  set className(value: string) {
    this.setAttribute('class', value);
  }
  getAttribute(name: string): string | null {
    return this.attributeMap.get(name) ?? null;
  }
  hasAttribute(name: string): boolean {
    return this.attributeMap.has(name);
  }
  setAttribute(name: string, value: unknown): void {
    this.attributeMap.set(name, String(value));
  }
  setAttributeNS(_namespace: string | null, name: string, value: unknown): void {
    this.setAttribute(name, value);
  }
  removeAttribute(name: string): void {
    this.attributeMap.delete(name);
  }
  removeAttributeNS(_namespace: string | null, localName: string): void {
    for (const name of [...this.attributeMap.keys()])
      if (name.replace(/^.*:/, '') === localName) this.attributeMap.delete(name);
  }
  get textContent(): string {
    return this.childNodes.map((n) => n.textContent).join('');
  }
  set textContent(value: string) {
    for (const child of [...this.childNodes]) this.removeChild(child);
    if (value !== '' && value !== null && value !== undefined)
      this.appendChild(new MiniText(this.ownerDocument, String(value)));
  }
  /**
   * The first descendant element with this tag name, or any for `*` (the selectors Plot uses:
   * d3's `insert(name, '*')` puts a legend's style before its first element).
   */
  querySelector(selector: string): MiniElement | null {
    if (!/^(\*|[a-zA-Z][\w-]*)$/.test(selector))
      throw new Error(`querySelector: only a tag name or * is supported, got ${selector}`);
    for (const child of this.children) {
      if (selector === '*' || child.localName === selector) return child;
      const found = child.querySelector(selector);
      if (found) return found;
    }
    return null;
  }
  cloneNode(deep = false): MiniElement {
    const copy = new MiniElement(this.ownerDocument, this.namespaceURI, this.localName);
    for (const [name, value] of this.attributeMap) copy.setAttribute(name, value);
    if (deep)
      for (const child of this.childNodes)
        copy.appendChild((child as MiniElement | MiniText).cloneNode(true));
    return copy;
  }
  serialize(): string {
    const attributes = [...this.attributeMap]
      .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
      .join('');
    // foreign (SVG) elements without children close themselves, as HTML allows them to
    if (this.namespaceURI !== XHTML && this.childNodes.length === 0)
      return `<${this.localName}${attributes} />`;
    const open = `<${this.localName}${attributes}>`;
    if (this.namespaceURI === XHTML && VOID.has(this.localName)) return open;
    const raw = this.namespaceURI === XHTML && RAW_TEXT.has(this.localName);
    return `${open}${this.childNodes.map((n) => n.serialize(raw)).join('')}</${this.localName}>`;
  }
  get outerHTML(): string {
    return this.serialize();
  }
  get innerHTML(): string {
    const raw = this.namespaceURI === XHTML && RAW_TEXT.has(this.localName);
    return this.childNodes.map((n) => n.serialize(raw)).join('');
  }
}

class MiniDocument {
  readonly documentElement: MiniElement;
  readonly defaultView = null;
  constructor() {
    this.documentElement = new MiniElement(this, XHTML, 'html');
  }
  createElement(name: string): MiniElement {
    return new MiniElement(this, XHTML, name);
  }
  createElementNS(namespace: string | null, name: string): MiniElement {
    return new MiniElement(this, namespace ?? XHTML, name);
  }
  createTextNode(data: string): MiniText {
    return new MiniText(this, String(data));
  }
}

/** A fresh document for Plot's `document` option in Node. @internal */
export function svgDocument(): Document {
  return new MiniDocument() as unknown as Document;
}
