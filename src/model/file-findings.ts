/**
 * The findings of one file, in report order, held as Finding objects, as the JSON report's lines
 * for them, or both. A run that reuses the last run's findings of a file (a judgement cache hit, an
 * incremental run) keeps the lines it stored and parses them only when a report other than JSON
 * asks for the objects; the tally carries what the summary and the scores need of them.
 */
import { FINDING_INDENT, findingLines } from './finding-lines.js';
import { SEVERITIES, type Finding, type Severity } from '../rules/types.js';
import { parseJson } from '../bounded-json.js';

/** What the summary and the scores read of a file's findings. */
export interface FindingTally {
  /** Per severity, in SEVERITIES order. */
  bySeverity: number[];
  byRule: Record<string, number>;
  /** Lines of the NASA_* findings (the NASA score flags the functions around them). */
  nasaLines: number[];
  /** DUPLICATION coverage: [file, from, to] of each clone finding and of its related locations. */
  duplicated: Array<[string, number, number]>;
}

export class FileFindings {
  readonly path: string;
  readonly tally: FindingTally;
  private list: Finding[] | undefined;
  private lines: string | undefined;
  private encoded: Uint8Array | undefined;

  private constructor(path: string, tally: FindingTally, list?: Finding[], lines?: string, encoded?: Uint8Array) {
    this.path = path;
    this.tally = tally;
    this.list = list;
    this.lines = lines;
    this.encoded = encoded;
  }

  /** A file's findings, sorted and sealed (fingerprints assigned). */
  static of(path: string, findings: Finding[]): FileFindings {
    return new FileFindings(path, tallyOf(findings), findings);
  }

  /** A file's findings as stored: the JSON report lines of `findings` (see `json`) and their tally. */
  static stored(path: string, lines: string, tally: FindingTally): FileFindings {
    return new FileFindings(path, tally, undefined, lines);
  }

  /** `stored`, with the lines as the UTF-8 bytes they were read as: decoded only when text is asked for. */
  static storedBytes(path: string, bytes: Uint8Array, tally: FindingTally): FileFindings {
    return new FileFindings(path, tally, undefined, undefined, bytes);
  }

  get count(): number {
    return this.tally.bySeverity.reduce((sum, n) => sum + n, 0);
  }

  get findings(): Finding[] {
    this.list ??= parseLines(this.json);
    return this.list;
  }

  /** The findings as the JSON report writes them: one line each, after FINDING_INDENT, joined by `,\n`. */
  get json(): string {
    this.lines ??= this.encoded ? Buffer.from(this.encoded.buffer, this.encoded.byteOffset, this.encoded.byteLength).toString('utf8') : findingLines(this.list!, FINDING_INDENT);
    return this.lines;
  }

  /** `json` as UTF-8 bytes: those it was read as, when it was (written out again without encoding). */
  get bytes(): Uint8Array {
    this.encoded ??= Buffer.from(this.json, 'utf8');
    return this.encoded;
  }
}

/** Sorted findings (report order) grouped by file, files in path order. */
export function byFile(findings: readonly Finding[]): FileFindings[] {
  const groups: FileFindings[] = [];
  let from = 0;
  for (let i = 1; i <= findings.length; i++) {
    if (i < findings.length && findings[i]!.file === findings[from]!.file) continue;
    groups.push(FileFindings.of(findings[from]!.file, findings.slice(from, i)));
    from = i;
  }
  return groups;
}

/** Every finding of the groups, in report order. */
export function allFindings(groups: readonly FileFindings[]): Finding[] {
  return groups.flatMap((group) => group.findings);
}

function tallyOf(findings: readonly Finding[]): FindingTally {
  const tally: FindingTally = { bySeverity: SEVERITIES.map(() => 0), byRule: {}, nasaLines: [], duplicated: [] };
  for (const finding of findings) {
    tally.bySeverity[SEVERITY_INDEX[finding.severity]]!++;
    tally.byRule[finding.ruleId] = (tally.byRule[finding.ruleId] ?? 0) + 1;
    if (finding.ruleId.startsWith('NASA_')) tally.nasaLines.push(finding.line);
    if (finding.ruleId === 'DUPLICATION') {
      tally.duplicated.push([finding.file, finding.line, finding.endLine ?? finding.line]);
      for (const other of finding.related ?? []) tally.duplicated.push([other.file, other.line, other.endLine ?? other.line]);
    }
  }
  return tally;
}

const SEVERITY_INDEX = Object.fromEntries(SEVERITIES.map((severity, i) => [severity, i])) as Record<Severity, number>;

/** Findings back from their JSON report lines (the fields of findingJson are those of Finding). */
function parseLines(lines: string): Finding[] {
  return lines === '' ? [] : (parseJson(`[${lines}]`) as Finding[]);
}
