package io.celeriac.ai.cli;

import io.celeriac.ai.AiRuntime;
import io.celeriac.ai.InvalidAiTaskException;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.User;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.schedule.InvalidScheduleException;
import io.celeriac.core.schedule.Schedule;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ai users}: lists users; {@code ai users add} adds one (for demos; the web app owns users in production). */
@Command(name = "users", mixinStandardHelpOptions = true, description = "List users (ai users add: add one).",
        subcommands = AiUsersCommand.Add.class)
final class AiUsersCommand extends AiSubcommand {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N users. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    int run(AiRuntime runtime, PrintWriter out) {
        List<User> users = runtime.wired().users().list(limit);
        if (users.isEmpty()) {
            out.println("no users (add one: celeriac ai users add --name Ada --email ada@example.com --tz Europe/Paris)");
        }
        for (User u : users) {
            // contact details are personal: show whether they exist, not what they are
            out.printf("%-6d %-20s %-20s email=%s phone=%s notify=%s%n", u.id(), u.name(), u.zone().getId(),
                    u.email() == null ? "no" : "yes", u.phone() == null ? "no" : "yes",
                    (u.notifySms() ? "sms " : "") + (u.notifyEmail() ? "email" : ""));
        }
        return ExitCodes.OK;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
    static final class Add extends AiSubcommand {
        @Option(names = "--name", required = true, paramLabel = "NAME")
        String name;

        @Option(names = "--email", paramLabel = "ADDRESS")
        String email;

        @Option(names = "--phone", paramLabel = "E.164", description = "e.g. +33612345678")
        String phone;

        @Option(names = "--tz", paramLabel = "ZONE", defaultValue = "UTC", description = "IANA zone. Default: ${DEFAULT-VALUE}.")
        String tz;

        @Option(names = "--notify", paramLabel = "CHANNELS", description = "Default channels: sms, email. Default: email if an address is given, sms if a phone is.")
        String notify;

        @Override
        int run(AiRuntime runtime, PrintWriter out) {
            ZoneId zone;
            try {
                zone = Schedule.zone(tz);
            } catch (InvalidScheduleException e) {
                throw new InvalidAiTaskException("tz", e.getMessage());
            }
            if (phone != null && !phone.matches("\\+[1-9]\\d{6,14}")) {
                throw new InvalidAiTaskException("phone", "must be E.164, e.g. +33612345678");
            }
            Set<Channel> channels;
            try {
                channels = notify == null ? Set.of() : Channel.parseList(notify);
            } catch (IllegalArgumentException e) {
                throw new InvalidAiTaskException("notify", "channels are sms and email");
            }
            boolean byEmail = notify == null ? email != null : channels.contains(Channel.EMAIL);
            boolean bySms = notify == null ? phone != null : channels.contains(Channel.SMS);
            User user = runtime.wired().users().add(name, email, phone, zone, byEmail, bySms,
                    runtime.clock().instant());
            out.println("added user " + user.id() + " (" + user.name() + ", " + user.zone().getId() + ")");
            return ExitCodes.OK;
        }
    }
}
