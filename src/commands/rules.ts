import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { ConfigError } from '../errors.js';

export default class Rules extends BaseCommand {
  static override summary = 'List the rules with their thresholds under each policy, or explain one.';
  static override examples = [
    '<%= config.bin %> rules',
    '<%= config.bin %> rules --json',
    '<%= config.bin %> rules --explain CON_POSITION',
    '<%= config.bin %> rules --for src/__tests__/api.test.ts',
  ];

  static override flags = {
    json: Flags.boolean({ summary: 'print the catalog as JSON' }),
    explain: Flags.string({ summary: 'print the documentation of one rule (What it does, Why is this bad?, Example, Use instead, Options)' }),
    for: Flags.string({ summary: 'print the settings that apply to this file: the policy, the config file and its overrides' }),
    directory: Flags.string({ char: 'd', summary: 'analysed directory whose config applies (with --for)', default: '.' }),
    config: Flags.string({ char: 'c', summary: 'path of a connascence.config.json (with --for; default: DIRECTORY/connascence.config.json)' }),
    policy: Flags.string({ char: 'p', summary: 'rule preset (with --for; default: from the config file, else standard)', options: ['standard', 'strict', 'lenient', 'nasa-compliance'] }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Rules);
    const { ALL_RULES, findRule } = await import('../rules/index.js');
    const catalog = await import('../report/rule-catalog.js');
    if (flags.for !== undefined) {
      const { settingsForFile } = await import('../policy/file-settings.js');
      const settings = settingsForFile({ directory: flags.directory, file: flags.for, configPath: flags.config, preset: flags.policy as 'standard' | undefined });
      if (flags.json) this.log(JSON.stringify(settings, null, 2));
      else {
        // The config (the checkout's) names the overrides and options: every line is inert.
        const { inertLine, printable } = await import('../printable.js');
        this.log(inertLine(`${printable(settings.path)} under policy ${settings.policy}${settings.overrides.length > 0 ? `, overrides ${settings.overrides.join(', ')}` : ''}${settings.test ? ' (a test file)' : ''}:`));
        for (const rule of settings.rules) {
          const options = Object.entries(rule.options).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('/') : String(value)}`).join(' ');
          this.log(inertLine(`  ${rule.id.padEnd(24)} ${(rule.enabled ? rule.severity : 'off').padEnd(9)} ${options}${rule.overridden ? '  (override)' : ''}`));
        }
      }
      return;
    }
    if (flags.explain) {
      const rule = findRule(flags.explain.toUpperCase());
      if (!rule) throw new ConfigError(`Unknown rule "${flags.explain}". Run \`connascence rules\` for the list of ids.`);
      this.log(flags.json ? JSON.stringify(catalog.listRules([rule])[0], null, 2) : catalog.renderRuleExplanation(rule));
      return;
    }
    this.log(flags.json ? JSON.stringify(catalog.listRules(ALL_RULES), null, 2) : catalog.renderRuleTable(ALL_RULES));
  }
}
