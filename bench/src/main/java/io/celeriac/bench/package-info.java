/**
 * {@code celeriac bench}: enqueue throughput, drain throughput of one worker process, and
 * enqueue-to-start latency on an idle worker, measured the way the peer benchmarks are (same
 * machine, Redis on loopback), with worker CPU, peak RSS and Redis CPU per task. {@code bench admin}
 * ({@link io.celeriac.bench.AdminBench}) times the admin commands as users run them, beside Celery's CLI.
 */
package io.celeriac.bench;
