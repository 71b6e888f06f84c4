import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface HtmlText {
  readonly text: string;
  readonly title?: string;
  /** False when Readability found no article and the whole body was used. */
  readonly article: boolean;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tr', 'ul', 'tbody', 'thead', 'caption',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg']);

interface NodeLike {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<NodeLike>;
}

/** Text of a DOM subtree with line breaks at block boundaries and tabs between table cells. */
function blockText(root: NodeLike): string {
  const parts: string[] = [];
  const walk = (node: NodeLike): void => {
    if (node.nodeType === 3) {
      parts.push(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toLowerCase();
    if (SKIP.has(name)) return;
    const block = BLOCK.has(name);
    if (block) parts.push('\n');
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i] as NodeLike);
    if (name === 'td' || name === 'th') parts.push('\t');
    else if (block) parts.push('\n');
  };
  walk(root);
  return parts
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \u00a0]+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

/**
 * The main text of an HTML page: Readability's article over a linkedom DOM, or the whole body when
 * no article is found. Scripts never run; block elements become line breaks so indicators in
 * adjacent cells or paragraphs stay apart.
 *
 * @example
 *   textFromHtml('<html><body><article><p>C2: evil[.]example</p></article></body></html>').text
 *   // 'C2: evil[.]example'
 */
export function textFromHtml(html: string): HtmlText {
  const { document } = parseHTML(html);
  const title = document.title?.trim() || undefined;
  // Readability mutates the document it reads: give it its own copy
  const article = new Readability(parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
  if (article?.content) {
    const text = blockText(parseHTML(`<html><body>${article.content}</body></html>`).document.body as unknown as NodeLike);
    if (text.length > 0) return { text, title: article.title?.trim() || title, article: true };
  }
  const body = (document.body ?? document.documentElement) as unknown as NodeLike | null;
  return { text: body ? blockText(body) : '', title, article: false };
}
