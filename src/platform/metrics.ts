type Labels = Readonly<Record<string, string>>;

const needsEscape = /[\\"\n]/;

function escapeLabelValue(value: string): string {
  return needsEscape.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
    : value;
}

/** `a="1",b="2"`: names sorted (Prometheus names are ASCII identifiers), values escaped. */
function labelKey(labels: Labels): string {
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let key = '';
  for (const name of names) {
    if (key !== '') key += ',';
    key += `${name}="${escapeLabelValue(labels[name]!)}"`;
  }
  return key;
}

interface Metric {
  render(): string[];
}

export class Counter implements Metric {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const [key, value] of this.values)
      lines.push(`${this.name}${key ? `{${key}}` : ''} ${value}`);
    return lines;
  }
}

export class Histogram implements Metric {
  private readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly bounds: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  ) {}
  observe(value: number, labels: Labels = {}): void {
    const key = labelKey(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    for (let i = 0; i < this.bounds.length; i++) if (value <= this.bounds[i]!) s.buckets[i]! += 1;
    s.sum += value;
    s.count += 1;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [key, s] of this.series) {
      const sep = key ? `${key},` : '';
      this.bounds.forEach((bound, i) =>
        lines.push(`${this.name}_bucket{${sep}le="${bound}"} ${s.buckets[i]}`),
      );
      lines.push(`${this.name}_bucket{${sep}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum${key ? `{${key}}` : ''} ${s.sum}`);
      lines.push(`${this.name}_count${key ? `{${key}}` : ''} ${s.count}`);
    }
    return lines;
  }
}

export type GaugeCollector = () =>
  Promise<{ labels: Labels; value: number }[]> | { labels: Labels; value: number }[];

class Gauge implements Metric {
  private last: { labels: Labels; value: number }[] = [];
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly collect: GaugeCollector,
  ) {}
  async refresh(): Promise<void> {
    this.last = await this.collect();
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const { labels, value } of this.last) {
      const key = labelKey(labels);
      lines.push(`${this.name}${key ? `{${key}}` : ''} ${value}`);
    }
    return lines;
  }
}

/** A small Prometheus registry; one per app instance so tests stay independent. */
export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();
  private readonly gauges: Gauge[] = [];

  counter(name: string, help: string): Counter {
    return this.register(name, () => new Counter(name, help)) as Counter;
  }

  histogram(name: string, help: string, bounds?: readonly number[]): Histogram {
    return this.register(name, () => new Histogram(name, help, bounds)) as Histogram;
  }

  gauge(name: string, help: string, collect: GaugeCollector): void {
    const gauge = new Gauge(name, help, collect);
    this.gauges.push(gauge);
    this.register(name, () => gauge);
  }

  async render(): Promise<string> {
    await Promise.all(this.gauges.map((g) => g.refresh()));
    return `${[...this.metrics.values()].flatMap((m) => m.render()).join('\n')}\n`;
  }

  private register(name: string, create: () => Metric): Metric {
    const existing = this.metrics.get(name);
    if (existing) return existing;
    const metric = create();
    this.metrics.set(name, metric);
    return metric;
  }
}
