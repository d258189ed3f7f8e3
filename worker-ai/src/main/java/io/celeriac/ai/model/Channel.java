package io.celeriac.ai.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** How a user is notified. */
public enum Channel {
    SMS, EMAIL;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel of(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    /** {@code "sms,email"} as stored; empty text is no channel. */
    public static Set<Channel> parseList(String text) {
        Set<Channel> out = EnumSet.noneOf(Channel.class);
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(of(part));
            }
        }
        return out;
    }

    public static String format(Set<Channel> channels) {
        return channels.stream().sorted().map(Channel::dbName).collect(Collectors.joining(","));
    }
}
