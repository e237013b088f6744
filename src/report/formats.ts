/** The report formats (a module of its own so that loading a command does not load the renderers). */
export type ReportFormat = 'text' | 'json' | 'sarif' | 'markdown' | 'github';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'markdown', 'github'];
