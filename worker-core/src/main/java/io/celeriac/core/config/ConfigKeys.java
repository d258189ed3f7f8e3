package io.celeriac.core.config;

import java.util.Set;

/**
 * The config-file keys a module reads, declared so that the strict check at start-up accepts them
 * (and rejects a misspelling of them). Found with {@link java.util.ServiceLoader}: a module lists
 * its implementation in {@code META-INF/services/io.celeriac.core.config.ConfigKeys}, so the engine
 * never has to know a module's sections.
 *
 * <p>Each key is a dotted path from the top of the file: {@code email}, {@code email.smtp.host}.
 * A {@code *} segment stands for any one name ({@code beat.entries.*}: each entry, named by the
 * user); what lies below a {@code *} is left to the module. A section whose children no key names
 * is left to its module as a whole.
 */
public interface ConfigKeys {

    /** The dotted key paths this module reads. */
    Set<String> keys();
}
