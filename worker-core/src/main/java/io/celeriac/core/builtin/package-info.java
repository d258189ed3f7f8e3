/** Tasks every worker serves: health checks for operators and the workload of tests and benchmarks. */
package io.celeriac.core.builtin;
