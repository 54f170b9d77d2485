import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './metrics.js';

describe('metrics', () => {
  it('keys series by their sorted labels and escapes label values in the exposition', async () => {
    const metrics = new MetricsRegistry();
    const counter = metrics.counter('siyu_test_total', 'A test counter');
    counter.inc({ route: '/a', method: 'GET' });
    counter.inc({ method: 'GET', route: '/a' }, 2);
    counter.inc({ method: 'POST', route: 'say "hi"\\now\n' });
    expect(counter.get({ route: '/a', method: 'GET' })).toBe(3);
    const histogram = metrics.histogram('siyu_test_seconds', 'A test histogram', [0.1, 1]);
    histogram.observe(0.05, { route: '/a' });
    histogram.observe(0.5, { route: '/a' });
    const text = await metrics.render();
    expect(text).toContain('siyu_test_total{method="GET",route="/a"} 3');
    expect(text).toContain('siyu_test_total{method="POST",route="say \\"hi\\"\\\\now\\n"} 1');
    expect(text).toContain('siyu_test_seconds_bucket{route="/a",le="0.1"} 1');
    expect(text).toContain('siyu_test_seconds_bucket{route="/a",le="1"} 2');
    expect(text).toContain('siyu_test_seconds_count{route="/a"} 2');
  });
});
