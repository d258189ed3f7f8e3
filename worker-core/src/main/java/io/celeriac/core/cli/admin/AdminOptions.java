package io.celeriac.core.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.internal.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every admin command takes: where Redis is, and whether to print JSON instead of tables. */
public final class AdminOptions {
    /** Admin commands run one query at a time; a few connections are plenty. */
    private static final int POOL_SIZE = 4;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", description = "Print one JSON document instead of tables (for scripts).")
    boolean json;

    Application connect() {
        return connection.connect(POOL_SIZE);
    }

    /** The server and database a command acts on, password hidden: destructive commands always say it. */
    String server(Application app) {
        return connection.resolveBrokerUrl(app.config()).redacted();
    }

    boolean json() {
        return json;
    }

    static void printJson(PrintWriter out, JsonNode node) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        out.flush();
    }
}
