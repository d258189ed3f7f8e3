/** Test support for Spring applications that use Celeriac: {@link io.celeriac.spring.test.CeleriacEagerMode}. */
package io.celeriac.spring.test;
