/**
 * What the engine hands to modules without knowing it: a module (the application's database, for
 * example) registers a {@link io.celeriac.core.component.ComponentProvider} with ServiceLoader, and
 * tasks reach the component with {@code ModuleContext.component(Type.class)}. Its settings travel as
 * plain {@link io.celeriac.core.component.Settings}, so worker-core depends on none of its libraries.
 */
package io.celeriac.core.component;
