package io.celeriac.core.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.DeadLetterEntry;

/**
 * One entry of the dead-letter list as found.
 *
 * @param position   0 for the newest entry, at the time it was read (what people see)
 * @param fromOldest the entry's index counted from the oldest end ({@code -1} is the oldest), at
 *                   the time it was read: new dead letters arrive at the other end and never
 *                   shift it, so a batch finds its entries there in one step; 0 when unknown
 * @param stored     the entry exactly as stored: removing it by value needs the very bytes
 * @param entry      the decoded entry; its {@code raw} is the message to requeue
 */
public record DeadLetter(int position, long fromOldest, byte[] stored, DeadLetterEntry entry) {

    /** The entry's JSON with its position; {@code withMessage} adds the raw message (it may hold personal data). */
    public ObjectNode toJson(boolean withMessage) {
        ObjectNode node = entry.toJson();
        if (!withMessage) {
            node.remove("message");
            node.remove("message_base64");
        }
        node.put("position", position);
        node.put("at", entry.at().toString());
        return node;
    }
}
