/** Progress on stderr for runs long enough to wonder about; silent for short ones. */
export class Progress {
  private count = 0;
  private readonly start = Date.now();
  private last = 0;
  private shown = false;
  constructor(private readonly total: number) {}

  tick(): void {
    this.count++;
    const now = Date.now();
    if (now - this.start < 2000 || now - this.last < (process.stderr.isTTY ? 200 : 5000)) return;
    this.last = now;
    this.shown = true;
    const rate = this.count / ((now - this.start) / 1000);
    const line = `${this.count}/${this.total} pairs, ${rate.toFixed(0)}/s`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
  }

  done(): void {
    if (this.shown && process.stderr.isTTY) process.stderr.write('\n');
  }
}
