/**
 * A progress bar on standard error for long work: count, rate and time left. Drawn only when
 * standard error is a terminal, at most ten times a second; silent in scripts and CI.
 */
export class Progress {
  readonly #total: number;
  readonly #label: string;
  readonly #stream: NodeJS.WriteStream;
  readonly #started = Date.now();
  #done = 0;
  #drawnAt = 0;

  constructor(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
    this.#label = label;
    this.#total = total;
    this.#stream = stream;
  }

  tick(count = 1): void {
    this.#done += count;
    const now = Date.now();
    if (now - this.#drawnAt >= 100 || this.#done >= this.#total) {
      this.#drawnAt = now;
      this.#draw(now);
    }
  }

  /** Moves to an absolute count (work that reports its position rather than single steps). */
  set(done: number): void {
    this.tick(done - this.#done);
  }

  /** Clears the bar so that the next output starts on a clean line. */
  finish(): void {
    if (this.#stream.isTTY) this.#stream.write('\r\x1b[2K');
  }

  #draw(now: number): void {
    if (!this.#stream.isTTY) return;
    const seconds = Math.max((now - this.#started) / 1000, 0.001);
    const rate = this.#done / seconds;
    const left = rate > 0 ? Math.max(0, (this.#total - this.#done) / rate) : 0;
    const width = 30;
    const filled = this.#total > 0 ? Math.round((this.#done / this.#total) * width) : width;
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    this.#stream.write(`\r\x1b[2K${this.#label} [${bar}] ${this.#done}/${this.#total} ${rate.toFixed(1)}/s ${formatSeconds(left)} left`);
  }
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`
    : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
