// YAML front matter (`---` … `---` at the very top). remark has no front matter support of its
// own (remark-frontmatter is not a dependency), and without it the block would parse as a
// thematic break plus a setext heading, so it is cut off before parsing.
import { parseDocument } from 'yaml';

export interface FrontMatter {
  title?: string;
  aliases: string[];
  permalink?: string;
}

export interface SplitSource {
  frontMatter: FrontMatter | null;
  body: string;
  /** What YAML warned about (read anyway), one line each. */
  warnings: string[];
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const EMPTY_FENCE = /^---[ \t]*\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(scalar).filter((s): s is string => s !== undefined);
  const s = scalar(v);
  return s === undefined
    ? []
    : s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
}

/** The front matter as `key: value` pairs when every line is one whose value YAML would read
 *  as the same plain string; otherwise null (lists, quoting, comments: leave it to YAML). */
function plainKeyValues(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z_][\w-]*):[ \t]+([^\s"'[\]{}&*!|>%@`#,?:-][^#]*?)[ \t]*$/.exec(line);
    if (!m || /^(?:true|false|null|yes|no|on|off|~|[-+.\d][\d_.:eE+-]*)$/i.test(m[2]!)) return null;
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** `key: value` lines (value up to the end of the line), or null if any line is not one. */
function looseKeyValues(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z_][\w-]*)\s*:\s?(.*)$/.exec(line);
    if (!m) return null;
    out[m[1]!] = m[2]!.trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  return out;
}

/** Splits front matter off `source`; throws if it is there but is not a YAML mapping. */
export function splitFrontMatter(source: string): SplitSource {
  const m = FENCE.exec(source) ?? EMPTY_FENCE.exec(source);
  if (!m) return { frontMatter: null, body: source, warnings: [] };
  const yamlText = m[1] ?? '';
  let data: unknown;
  const warnings: string[] = [];
  try {
    // Most exports hold a plain `title:` and `permalink:`; reading those lines directly skips
    // the YAML parser (and its exception for unquoted titles with a colon).
    data = yamlText.trim() === '' ? {} : (plainKeyValues(yamlText) ?? readYaml(yamlText, warnings));
  } catch (err) {
    // mediawiki-to-gfm writes titles unquoted ("title: Bullshit Jobs: A Theory"), which strict
    // YAML rejects; read such simple `key: value` lines as they were meant.
    data = looseKeyValues(yamlText);
    if (data === null) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new Error(`invalid YAML front matter: ${reason}`);
    }
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new Error('front matter is not a YAML mapping of keys to values');
  }
  const record = data as Record<string, unknown>;
  const frontMatter: FrontMatter = {
    title: scalar(record.title),
    aliases: [...list(record.aliases), ...list(record.alias)],
    permalink: scalar(record.permalink),
  };
  return { frontMatter, body: source.slice(m[0].length), warnings };
}

/** YAML's value; throws its first error. Its warnings are collected with the page rather than
 *  printed by the yaml package on the process's stderr, where nobody can tell which file they are about. */
function readYaml(text: string, warnings: string[]): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw doc.errors[0];
  for (const w of doc.warnings) warnings.push(`YAML front matter: ${w.message.split('\n')[0]}`);
  return doc.toJS();
}
