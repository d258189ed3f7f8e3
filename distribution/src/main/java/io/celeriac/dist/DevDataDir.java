package io.celeriac.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.config.AppConfig;
import io.celeriac.email.EmailSettings;
import io.celeriac.file.FileSettings;
import java.nio.file.Path;

/**
 * The one directory {@code celeriac dev} writes into. The config's relative paths (the e-mail
 * outbox, uploads, backups, temp directories) are read against it instead of the working
 * directory, as if dev ran inside it; absolute paths stay where they point. The embedded
 * servers keep their data in it too ({@code redis/}, {@code postgres/}).
 *
 * @param root    the data directory, absolute
 * @param outbox  where e-mails go as .eml files when no SMTP host is configured
 * @param uploads the user uploads (backed up)
 * @param backups where backup archives are written
 */
record DevDataDir(Path root, Path outbox, Path uploads, Path backups) {

    /** The paths {@code config} gives, each read against {@code dataDir}. */
    static DevDataDir of(Path dataDir, AppConfig config) {
        Path root = dataDir.toAbsolutePath().normalize();
        return new DevDataDir(root,
                against(root, config.section("email").path("outbox_dir").asText(EmailSettings.DEFAULT_OUTBOX_DIR)),
                against(root, config.section("file").path("upload_dir").asText(FileSettings.DEFAULT_UPLOAD_DIR)),
                against(root, config.section("file").path("backup_dir").asText(FileSettings.DEFAULT_BACKUP_DIR)));
    }

    /** {@code config} with the paths of this directory written in, so the modules use them. */
    AppConfig apply(AppConfig config) {
        ObjectNode raw = config.raw() == null ? JsonNodeFactory.instance.objectNode() : config.raw().deepCopy();
        ObjectNode email = section(raw, "email");
        if (email != null) {
            email.put("outbox_dir", outbox.toString());
        }
        ObjectNode file = section(raw, "file");
        if (file == null) {
            return withRaw(config, raw);
        }
        file.put("upload_dir", uploads.toString());
        file.put("backup_dir", backups.toString());
        JsonNode temp = file.path("temp_dirs");
        // a temp_dirs that is not a list is left as it is, for the file module to refuse with its own message
        if (temp.isMissingNode() || temp.isNull() || temp.isArray()) {
            ArrayNode rebased = JsonNodeFactory.instance.arrayNode();
            if (temp.isArray()) {
                temp.forEach(entry -> rebased.add(entry.isTextual() && !entry.asText().isBlank()
                        ? JsonNodeFactory.instance.textNode(against(root, entry.asText().strip()).toString()) : entry));
            } else {
                FileSettings.DEFAULT_TEMP_DIRS.forEach(d -> rebased.add(against(root, d).toString()));
            }
            file.set("temp_dirs", rebased);
        }
        return withRaw(config, raw);
    }

    private static AppConfig withRaw(AppConfig config, ObjectNode raw) {
        return new AppConfig(config.brokerUrl(), config.defaultQueue(), config.queues(), config.routes(),
                config.resultExpires(), config.resultExtended(), config.keyPrefix(), config.celeryKeyPrefix(), raw);
    }

    /** Where the embedded Redis keeps its append-only file. */
    Path redis() {
        return root.resolve("redis");
    }

    /** Where the embedded PostgreSQL keeps its cluster. */
    Path postgres() {
        return root.resolve("postgres");
    }

    private static Path against(Path root, String path) {
        return root.resolve(Path.of(path)).normalize();
    }

    /** The section to write into: made when absent; null when it is not a mapping (left for its module to refuse). */
    private static ObjectNode section(ObjectNode raw, String name) {
        JsonNode node = raw.get(name);
        if (node == null || node.isNull()) {
            return raw.putObject(name);
        }
        return node instanceof ObjectNode object ? object : null;
    }
}
