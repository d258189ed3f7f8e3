package io.celeriac.ai;

import java.util.regex.Pattern;

/**
 * Masks phone numbers and e-mail addresses in text that may reach a log line or the run's error:
 * providers echo them in their messages ({@code The 'To' number +1555... is not a valid phone
 * number}). Masked as {@code +*******21} and {@code a***@example.com}: enough to tell two apart, not
 * enough to reach anyone.
 */
public final class PersonalData {
    /** E.164 or local forms: a digit, then 6+ digits or separators, ending on a digit. */
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{5,}\\d");
    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

    private PersonalData() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll("$1***@$2");
        return PHONE.matcher(masked).replaceAll(m -> {
            String digits = m.group().replaceAll("\\D", "");
            // a date such as 2026-10-25 is not a phone number: an international number (+...) of 8+
            // digits is, and so is a local one of 10+
            if (digits.length() < (m.group().startsWith("+") ? 8 : 10)) {
                return m.group();
            }
            return "+" + "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2);
        });
    }
}
