// The live chart's data: a bounded store of recent records and a decimation that keeps at most `maxPoints`
// points to draw, so a long stream costs the page the same as a short one.
export interface Sample {
  seq: number;
  time: number | null; // epoch ms of the record's timestamp
  value: number | null;
  raw: number;
  likelihood: number | null;
}

export interface Drawn {
  x: number[];
  time: (number | null)[];
  value: (number | null)[];
  raw: (number | null)[];
  likelihood: (number | null)[];
  anomalies: (number | null)[]; // the value where an anomaly is marked, null elsewhere
  anomalyCount: number;
}

export class Series {
  private readonly samples: Sample[] = [];
  private lastSeq = -1;

  constructor(readonly capacity = 20000) {}

  get size(): number {
    return this.samples.length;
  }

  /** Appends in sequence order; an older or repeated seq (a concurrent batch published late) is ignored. */
  add(sample: Sample): boolean {
    if (sample.seq <= this.lastSeq) return false;
    this.lastSeq = sample.seq;
    this.samples.push(sample);
    if (this.samples.length > this.capacity) this.samples.splice(0, this.samples.length - this.capacity);
    return true;
  }

  clear(): void {
    this.samples.length = 0;
    this.lastSeq = -1;
  }

  /** At most `maxPoints` points: every sample when they fit, else each bucket's lowest and highest value. */
  draw(maxPoints: number, threshold: number): Drawn {
    const out: Drawn = { x: [], time: [], value: [], raw: [], likelihood: [], anomalies: [], anomalyCount: 0 };
    const n = this.samples.length;
    const isAnomaly = (s: Sample) => s.likelihood !== null && s.likelihood >= threshold;
    const push = (s: Sample, raw: number, likelihood: number | null, anomaly: boolean) => {
      out.x.push(s.seq);
      out.time.push(s.time);
      out.value.push(s.value);
      out.raw.push(raw);
      out.likelihood.push(likelihood);
      out.anomalies.push(anomaly ? (s.value ?? 0) : null);
      if (anomaly) out.anomalyCount++;
    };
    if (n <= maxPoints) {
      for (const s of this.samples) push(s, s.raw, s.likelihood, isAnomaly(s));
      return out;
    }
    const buckets = Math.max(1, Math.floor(maxPoints / 2));
    for (let b = 0; b < buckets; b++) {
      const from = Math.floor((b * n) / buckets);
      const to = Math.floor(((b + 1) * n) / buckets);
      if (to <= from) continue;
      let low = this.samples[from], high = low, raw = 0, likelihood: number | null = null, anomaly: Sample | null = null;
      for (let i = from; i < to; i++) {
        const s = this.samples[i];
        if ((s.value ?? 0) < (low.value ?? 0)) low = s;
        if ((s.value ?? 0) > (high.value ?? 0)) high = s;
        raw = Math.max(raw, s.raw);
        if (s.likelihood !== null) likelihood = Math.max(likelihood ?? 0, s.likelihood);
        if (isAnomaly(s) && (anomaly === null || s.likelihood! > anomaly.likelihood!)) anomaly = s;
      }
      // The bucket's anomaly (if any) is drawn on the point nearest to it, so marks survive decimation.
      const [first, second] = low.seq <= high.seq ? [low, high] : [high, low];
      const markFirst = anomaly !== null && Math.abs(anomaly.seq - first.seq) <= Math.abs(anomaly.seq - second.seq);
      push(first, raw, likelihood, markFirst);
      if (second !== first) push(second, raw, likelihood, anomaly !== null && !markFirst);
    }
    return out;
  }
}
