/** The `maskInspector.*` settings, re-read when they change (no reload needed). */
import * as vscode from 'vscode';
import { readSettings, type MaskSettings } from './settingsModel';

export const SECTION = 'maskInspector';

export class Settings implements vscode.Disposable {
  private current: MaskSettings;
  private shownProblems = '';
  private readonly changed = new vscode.EventEmitter<{ settings: MaskSettings; event: vscode.ConfigurationChangeEvent }>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.current = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      this.current = this.read();
      this.changed.fire({ settings: this.current, event });
    });
  }

  get value(): MaskSettings {
    return this.current;
  }

  /** The value in the user settings alone (not the workspace's, not the default). */
  userValue<T>(key: string): T | undefined {
    return vscode.workspace.getConfiguration(SECTION).inspect<T>(key)?.globalValue;
  }

  /**
   * Writes a user setting. Never the workspace's settings file: the extension writes nothing into the
   * workspace but the reports a user exports. A workspace value would hide the change, so say so.
   */
  async update(key: string, value: unknown): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    await config.update(key, value, vscode.ConfigurationTarget.Global);
    const seen = config.inspect(key);
    if (seen?.workspaceValue !== undefined || seen?.workspaceFolderValue !== undefined)
      void vscode.window.showWarningMessage(`Mask Inspector: ${SECTION}.${key} is also set in this workspace's settings, which take precedence over the user setting just changed.`);
  }

  private read(): MaskSettings {
    const config = vscode.workspace.getConfiguration(SECTION);
    const { settings, problems } = readSettings((key) => config.get(key));
    const text = problems.join('\n');
    if (text && text !== this.shownProblems) void vscode.window.showWarningMessage(`Mask Inspector: ${problems.join('. ')}`);
    this.shownProblems = text;
    return settings;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
