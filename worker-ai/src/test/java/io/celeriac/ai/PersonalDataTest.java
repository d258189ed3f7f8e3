package io.celeriac.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void phone_numbers_and_email_addresses_echoed_by_a_provider_are_masked() {
        assertEquals("The 'To' number +*********21 is not a valid phone number.",
                PersonalData.mask("The 'To' number +15557654321 is not a valid phone number."));
        assertEquals("bounced: a***@example.com", PersonalData.mask("bounced: ada.lovelace@example.com"));
        assertEquals("call +*********78", PersonalData.mask("call +33 6 12 34 56 78"));
    }

    @Test
    void dates_times_and_short_numbers_are_left_alone() {
        String text = "HTTP 503 at 2026-10-25T01:00:00Z, run 12345, retry in 30 s";
        assertEquals(text, PersonalData.mask(text));
    }
}
