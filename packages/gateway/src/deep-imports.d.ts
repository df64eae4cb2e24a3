/**
 * Single classes of two packages whose main module loads every other module they have, imported
 * from their own files so that the gateway's start evaluates only what it uses: prom-client's main
 * module loads OpenTelemetry's API (for exemplars), its push gateway and cluster aggregation;
 * rate-limiter-flexible's a limiter for every database it supports. Each file exports one class
 * (`module.exports = …`), typed here as the package's main module types it. Neither package has an
 * `exports` map that would close these paths; a major upgrade should check they are still there.
 */
declare module 'prom-client/lib/registry.js' {
  import { Registry } from 'prom-client';
  export default Registry;
}
declare module 'prom-client/lib/counter.js' {
  import { Counter } from 'prom-client';
  export default Counter;
}
declare module 'prom-client/lib/gauge.js' {
  import { Gauge } from 'prom-client';
  export default Gauge;
}
declare module 'prom-client/lib/histogram.js' {
  import { Histogram } from 'prom-client';
  export default Histogram;
}
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  import { RateLimiterMemory } from 'rate-limiter-flexible';
  export default RateLimiterMemory;
}
declare module 'rate-limiter-flexible/lib/RateLimiterRedis.js' {
  import { RateLimiterRedis } from 'rate-limiter-flexible';
  export default RateLimiterRedis;
}
declare module 'rate-limiter-flexible/lib/RateLimiterRes.js' {
  import { RateLimiterRes } from 'rate-limiter-flexible';
  export default RateLimiterRes;
}
