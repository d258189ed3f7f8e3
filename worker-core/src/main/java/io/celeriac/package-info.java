/**
 * Celeriac for Java developers: everything an application imports to define, send and run tasks.
 *
 * <pre>{@code
 * // define once, shared by sender and worker
 * record Greeting(String name, String language) { }
 * static final Task<Greeting, String> GREET = Task.of("demo.greet", Greeting.class, String.class);
 *
 * // run: a worker inside your application (close() stops it warmly)
 * try (CeleriacWorker worker = CeleriacWorker.builder("redis://localhost:6379/0")
 *         .task(GREET, greeting -> "Hello, " + greeting.name()).start()) {
 *     // send and await
 *     try (Celeriac celeriac = Celeriac.connect("redis://localhost:6379/0")) {
 *         String text = celeriac.send(GREET, new Greeting("Ada", "en")).get(Duration.ofSeconds(10));
 *     }
 * }
 * }</pre>
 *
 * <p>On the wire every task is a plain Celery protocol v2 message with JSON arguments, so Python
 * can send these tasks ({@code send_task("demo.greet", args=[{"name": "Ada", "language": "en"}])})
 * and read their results. Nothing of the Redis clients appears in this package's signatures.
 */
package io.celeriac;
