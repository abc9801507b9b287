import type { Eligibility } from '@invoice-engine/billing-schedules';

/**
 * A running fingerprint of what the billing-schedule domain code answered, so a run before and after an
 * optimisation shows equal results: line count, charge total in minor units (all currencies added, only
 * to compare), exclusions, and an FNV-1a hash over every answer's JSON (bigints as text).
 */
export class ResultChecksum {
  private lines = 0;
  private chargeMinorUnits = 0n;
  private excluded = 0;
  private hash = 0x811c9dc5;

  eligibility(eligibility: Eligibility): void {
    if (eligibility.outcome === 'Excluded') this.excluded += 1;
    else {
      this.lines += eligibility.periods.length;
      for (const period of eligibility.periods) this.chargeMinorUnits += period.chargeAmount.minorUnits;
    }
    this.add(eligibility);
  }

  add(value: unknown): void {
    const text = JSON.stringify(value, (_, field: unknown) =>
      typeof field === 'bigint' ? field.toString() : field,
    );
    for (let index = 0; index < text.length; index += 1) {
      this.hash ^= text.charCodeAt(index);
      this.hash = Math.imul(this.hash, 0x01000193) >>> 0;
    }
  }

  toString(): string {
    const hash = this.hash.toString(16).padStart(8, '0');
    return `lines ${this.lines}, charges ${this.chargeMinorUnits} minor units, excluded ${this.excluded}, hash ${hash}`;
  }
}
