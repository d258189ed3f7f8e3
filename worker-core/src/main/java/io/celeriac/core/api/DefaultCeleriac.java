package io.celeriac.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.Celeriac;
import io.celeriac.GroupResult;
import io.celeriac.Options;
import io.celeriac.Signature;
import io.celeriac.TaskResult;
import io.celeriac.core.app.Application;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.internal.Ids;
import io.celeriac.core.message.MessageCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The public client over the engine: each signature becomes one Celery message, a chain one
 * message carrying the rest of the chain in its embed (as Celery sends it), a group one message
 * per member sharing a group id.
 */
final class DefaultCeleriac implements Celeriac {
    private final Application app;
    private final boolean owned;

    /** @param owned close the engine with the client */
    DefaultCeleriac(Application app, boolean owned) {
        this.app = app;
        this.owned = owned;
    }

    @Override
    public <R> TaskResult<R> send(Signature<R> signature) {
        String id = send(signature, TaskClient.Workflow.NONE, null);
        return new TypedResult<>(id, signature.resultType(), app);
    }

    private String send(Signature<?> signature, TaskClient.Workflow workflow, String taskId) {
        SendOptions options = sendOptions(signature.options());
        if (taskId != null) {
            options = options.taskId(taskId);
        }
        return app.client().send(signature.task(), signature.args(), signature.kwargs(), options, workflow).id();
    }

    static SendOptions sendOptions(Options options) {
        SendOptions send = SendOptions.defaults().queue(options.queue()).countdown(options.countdown()).eta(options.eta())
                .expires(options.expires()).taskId(options.taskId()).ignoreResult(options.ignoreResult());
        return options.priority() == null ? send : send.priority(options.priority());
    }

    @Override
    public <R> TaskResult<R> chain(List<Signature<?>> steps, Signature<R> last) {
        List<Signature<?>> all = new ArrayList<>(steps);
        all.add(last);
        List<String> ids = new ArrayList<>();
        for (Signature<?> step : all) {
            ids.add(step.options().taskId() != null ? step.options().taskId() : Ids.uuid(app.random()));
        }
        ObjectMapper json = app.json();
        ArrayNode rest = json.createArrayNode();
        for (int i = all.size() - 1; i >= 1; i--) {
            rest.add(signatureJson(all.get(i), ids.get(i), json));
        }
        ObjectNode embed = MessageCodec.emptyEmbed();
        if (!rest.isEmpty()) {
            embed.set("chain", rest);
        }
        send(all.get(0), new TaskClient.Workflow(embed, null, null), ids.get(0));
        return new TypedResult<>(ids.get(ids.size() - 1), last.resultType(), app);
    }

    /** A signature as Celery serialises one inside a message's embed. */
    static ObjectNode signatureJson(Signature<?> signature, String taskId, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("task", signature.task());
        node.set("args", json.valueToTree(signature.args()));
        node.set("kwargs", json.valueToTree(signature.kwargs()));
        ObjectNode options = node.putObject("options");
        options.put("task_id", taskId);
        Options given = signature.options();
        if (given.queue() != null) {
            options.put("queue", given.queue());
        }
        if (given.priority() != null) {
            options.put("priority", given.priority());
        }
        node.putNull("subtask_type");
        node.put("immutable", signature.isImmutable());
        node.putNull("chord_size");
        return node;
    }

    @Override
    public <R> GroupResult<R> group(List<Signature<R>> members) {
        String group = Ids.uuid(app.random());
        List<TaskResult<R>> results = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            Signature<R> member = members.get(i);
            String id = send(member, new TaskClient.Workflow(null, group, i), null);
            results.add(new TypedResult<>(id, member.resultType(), app));
        }
        return new DefaultGroupResult<>(group, results);
    }

    @Override
    public <P, R> TaskResult<R> chord(List<Signature<P>> header, Signature<R> body) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a chord needs at least one header member (Celery sends the body at once for none: send it instead)");
        }
        String group = Ids.uuid(app.random());
        String bodyId = body.options().taskId() != null ? body.options().taskId() : Ids.uuid(app.random());
        ObjectNode embed = MessageCodec.emptyEmbed();
        embed.set("chord", signatureJson(body, bodyId, app.json()));
        app.results().setChordSize(group, header.size(), app.config().resultExpires());
        for (int i = 0; i < header.size(); i++) {
            send(header.get(i), new TaskClient.Workflow(embed, group, i), null);
        }
        return new TypedResult<>(bodyId, body.resultType(), app);
    }

    @Override
    public io.celeriac.BatchBuilder batch() {
        return new DefaultBatchBuilder(app.client().batches());
    }

    @Override
    public io.celeriac.Batch batch(String id) {
        return DefaultBatch.of(id, app.client().batches());
    }

    @Override
    public <R> TaskResult<R> result(String taskId, Class<R> type) {
        return new TypedResult<>(taskId, app.json().constructType(type), app);
    }

    /** Any task's result as JSON (for tests and the starter). */
    TaskResult<JsonNode> result(String taskId) {
        return result(taskId, JsonNode.class);
    }

    @Override
    public void close() {
        if (owned) {
            app.close();
        }
    }
}
