package io.celeriac.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads the first YAML document into a JSON tree with anchors, aliases ({@code routes: *shared})
 * and merge keys ({@code <<: *defaults}) expanded. Jackson's YAML reader hands an alias over as the
 * anchor's name and drops anchors on scalars, so a legitimate {@code routes: *r} failed; this reader
 * walks SnakeYAML's events (the parser Jackson itself uses) and substitutes a copy of the anchored
 * node. Plain scalars are typed as Jackson typed them (null, true/false, integers, decimals, else
 * text); quoted scalars are always text, so {@code "yes"} stays a string.
 */
final class YamlTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MERGE_KEY = "<<";
    /** Aliases could multiply a small file into millions of nodes ("billion laughs"). */
    private static final int MAX_NODES = 100_000;
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9][0-9_]*)?\\.[0-9]+([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+");

    private final Iterator<Event> events;
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private int nodes;

    private YamlTrees(Iterator<Event> events) {
        this.events = events;
    }

    /** The document's tree; an empty document is a missing node. */
    static JsonNode read(Reader in) throws IOException {
        ParserImpl parser = new ParserImpl(new StreamReader(in), new LoaderOptions());
        Iterator<Event> events = new Iterator<>() {
            public boolean hasNext() {
                return parser.peekEvent() != null;
            }

            public Event next() {
                return parser.getEvent();
            }
        };
        try {
            YamlTrees reader = new YamlTrees(events);
            while (events.hasNext()) {
                Event event = events.next();
                if (event.is(Event.ID.DocumentStart)) {
                    Event first = events.next();
                    return first.is(Event.ID.DocumentEnd) ? MissingNode.getInstance() : reader.value(first);
                }
            }
            return MissingNode.getInstance();
        } catch (YAMLException e) {
            throw new IOException(e.getMessage().replace('\n', ' '), e);
        }
    }

    private JsonNode value(Event event) throws IOException {
        if (++nodes > MAX_NODES) {
            throw new IOException("more than " + MAX_NODES + " values (aliases expanding too far?)");
        }
        if (event instanceof AliasEvent alias) {
            JsonNode target = anchors.get(alias.getAnchor());
            if (target == null) {
                throw new IOException("alias *" + alias.getAnchor() + " names no anchor defined before it");
            }
            nodes += target.size();
            return target.deepCopy();
        }
        JsonNode node;
        if (event instanceof MappingStartEvent) {
            node = object();
        } else if (event instanceof SequenceStartEvent) {
            node = array();
        } else if (event instanceof ScalarEvent scalar) {
            node = scalar(scalar);
        } else {
            throw new IOException("unexpected YAML " + event.getEventId());
        }
        String anchor = event instanceof CollectionStartEvent c ? c.getAnchor()
                : event instanceof ScalarEvent s ? s.getAnchor() : null;
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private ObjectNode object() throws IOException {
        ObjectNode object = NODES.objectNode();
        ObjectNode merged = NODES.objectNode();
        for (Event key = events.next(); !key.is(Event.ID.MappingEnd); key = events.next()) {
            JsonNode name = value(key);
            if (!name.isValueNode()) {
                throw new IOException("a mapping key must be a plain value, not a list or mapping");
            }
            JsonNode child = value(events.next());
            if (MERGE_KEY.equals(name.asText()) && key instanceof ScalarEvent s && s.isPlain()) {
                mergeInto(merged, child);
            } else {
                object.set(name.asText(), child);
            }
        }
        // explicit keys win over merged ones, as YAML's merge key specifies
        merged.fields().forEachRemaining(f -> {
            if (!object.has(f.getKey())) {
                object.set(f.getKey(), f.getValue());
            }
        });
        return object;
    }

    private static void mergeInto(ObjectNode merged, JsonNode source) throws IOException {
        if (source.isArray()) {
            for (JsonNode each : source) {
                mergeInto(merged, each);
            }
        } else if (source.isObject()) {
            source.fields().forEachRemaining(f -> {
                if (!merged.has(f.getKey())) {
                    merged.set(f.getKey(), f.getValue());
                }
            });
        } else {
            throw new IOException("a merge key (<<) takes a mapping or a list of mappings");
        }
    }

    private ArrayNode array() throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (Event item = events.next(); !item.is(Event.ID.SequenceEnd); item = events.next()) {
            array.add(value(item));
        }
        return array;
    }

    private static JsonNode scalar(ScalarEvent scalar) {
        String text = scalar.getValue();
        if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return NODES.textNode(text);
        }
        if (NULL.matcher(text).matches()) {
            return NODES.nullNode();
        }
        if (BOOL.matcher(text).matches()) {
            return NODES.booleanNode(text.equalsIgnoreCase("true"));
        }
        if (INT.matcher(text).matches()) {
            BigInteger n = new BigInteger(text.replace("_", ""));
            return n.bitLength() < 32 ? NODES.numberNode(n.intValue())
                    : n.bitLength() < 64 ? NODES.numberNode(n.longValue()) : NODES.numberNode(n);
        }
        if (DECIMAL.matcher(text).matches()) {
            return NODES.numberNode(new BigDecimal(text.replace("_", "")).doubleValue());
        }
        return NODES.textNode(text);
    }
}
