import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { ConfigError } from '../errors.js';

export default class Rules extends BaseCommand {
  static override summary = 'List the rules with their thresholds under each policy, or explain one.';
  static override examples = ['<%= config.bin %> rules', '<%= config.bin %> rules --json', '<%= config.bin %> rules --explain CON_POSITION'];

  static override flags = {
    json: Flags.boolean({ summary: 'print the catalog as JSON' }),
    explain: Flags.string({ summary: 'print the documentation of one rule (What it does, Why is this bad?, Example, Use instead, Options)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Rules);
    const { ALL_RULES, findRule } = await import('../rules/index.js');
    const catalog = await import('../report/rule-catalog.js');
    if (flags.explain) {
      const rule = findRule(flags.explain.toUpperCase());
      if (!rule) throw new ConfigError(`Unknown rule "${flags.explain}". Run \`connascence rules\` for the list of ids.`);
      this.log(flags.json ? JSON.stringify(catalog.listRules([rule])[0], null, 2) : catalog.renderRuleExplanation(rule));
      return;
    }
    this.log(flags.json ? JSON.stringify(catalog.listRules(ALL_RULES), null, 2) : catalog.renderRuleTable(ALL_RULES));
  }
}
