/**
 * Counts the partition workers that are delivering, so that `idle()` can say when a run has settled:
 * nothing is waiting in a partition some consumer reads, and no handler is running.
 */
export class BusActivity {
  private active = 0;
  private waiters: Array<() => void> = [];

  begin(): void {
    this.active += 1;
  }

  end(): void {
    this.active -= 1;
    if (this.active === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  get isIdle(): boolean {
    return this.active === 0;
  }

  idle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
