/**
 * The config's `overrides`: rule settings for the files matching each entry's globs, applied in
 * config order over the top-level setting (later entries win), in the same forms as `rules`.
 */
import { compileGlobs } from '../discovery/glob.js';
import { applyRuleConfig } from './resolve.js';
import type { ResolvedOverride, ResolvedPolicy, ResolvedRule } from './types.js';

export class PathSettings {
  private readonly entries: Array<{ matches: (path: string) => boolean; rules: ResolvedOverride['rules'] }>;
  private readonly base: ReadonlyMap<string, ResolvedRule>;
  private readonly byPath = new Map<string, Map<string, ResolvedRule>>();

  constructor(policy: Pick<ResolvedPolicy, 'rules' | 'overrides'>) {
    this.base = policy.rules;
    this.entries = policy.overrides.map((override, i) => ({ matches: compileGlobs(override.files, `overrides/${i}/files`), rules: override.rules }));
  }

  get empty(): boolean {
    return this.entries.length === 0;
  }

  /** Whether some override sets the rule (it may turn it on where it is off at the top). */
  mayEnable(id: string): boolean {
    return this.entries.some((entry) => entry.rules.has(id));
  }

  /** Indices of the overrides whose globs match a root-relative path. */
  matching(path: string): number[] {
    return this.entries.flatMap((entry, i) => (entry.matches(path) ? [i] : []));
  }

  /** The setting of rule `id` for a file at `path` (root-relative). */
  settingFor(id: string, path: string): ResolvedRule | undefined {
    if (this.entries.length === 0) return this.base.get(id);
    let settings = this.byPath.get(path);
    if (!settings) {
      settings = new Map();
      for (const entry of this.entries) {
        if (!entry.matches(path)) continue;
        for (const [rule, config] of entry.rules) {
          const before = settings.get(rule) ?? this.base.get(rule);
          if (before) settings.set(rule, applyRuleConfig(before, config));
        }
      }
      this.byPath.set(path, settings);
    }
    return settings.get(id) ?? this.base.get(id);
  }
}
