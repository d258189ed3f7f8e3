package io.celeriac.sync.cli;

import io.celeriac.core.cli.ExitCodes;
import io.celeriac.db.Database;
import io.celeriac.http.HostCheck;
import io.celeriac.http.Resolver;
import io.celeriac.sync.InvalidSourceException;
import io.celeriac.sync.SyncSettings;
import io.celeriac.sync.calendar.FeedUrl;
import io.celeriac.sync.db.SourceCatalog;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sync sources add-calendar}: a user's iCalendar feed. Adding the same feed again is
 * reported, not duplicated. An address that is, or resolves only to, a local or private network
 * (unless {@code sync.allowed_networks} allows it) is refused at once with exit 2; the worker
 * checks again at every fetch, since a name's answers can change.
 */
@Command(name = "add-calendar", mixinStandardHelpOptions = true,
        description = "Add an iCalendar feed (https://, http:// or webcal://) to a user's sources.")
final class AddCalendarCommand extends SourcesSubcommand {
    @Option(names = "--user", required = true, paramLabel = "ID", description = "The user the feed belongs to.")
    long user;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The feed's address (a private address is a secret: it is stored, never logged).")
    String url;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "", description = "Shown in the daily summary and in list. Default: none.")
    String name;

    @Override
    int run(SourceCatalog catalog, Database database, PrintWriter out) {
        String address = FeedUrl.check(url);
        String label = checkName(name);
        requireUser(catalog, user);
        SyncSettings settings = SyncSettings.from(connection.loadConfig().section("sync"));
        String host = FeedUrl.host(address);
        switch (HostCheck.of(host, settings.feedAddresses(), Resolver.SYSTEM)) {
            case HostCheck.Refused refused -> throw new InvalidSourceException("url", "points to a " + refused.kind()
                    + " (" + refused.address() + "), which the worker does not fetch from; an operator can allow a network"
                    + " with sync.allowed_networks");
            case HostCheck.Unresolved unresolved -> spec.commandLine().getErr().println("note: " + host
                    + " does not resolve from here; the worker checks the address again at every fetch");
            case HostCheck.Allowed allowed -> {
            }
        }
        SourceCatalog.Added added = catalog.addCalendar(user, label, address);
        if (!added.created()) {
            out.println("exists: user " + user + " already has this feed as calendar source " + added.id() + "; nothing added");
            return ExitCodes.OK;
        }
        out.println("added calendar source " + added.id() + " for user " + user);
        out.println("sync it now: celeriac sync run --user " + user + " --calendar");
        return ExitCodes.OK;
    }
}
