package io.celeriac.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskRegistryTest {
    /** Stands for the database: a component type a module declares. */
    interface Store {
    }

    record Module(String name, List<String> tasks, List<Class<?>> components) implements TaskModule {
        @Override
        public void register(TaskRegistry registry, ModuleContext context) {
            tasks.forEach(task -> registry.register(task, ctx -> null));
        }
    }

    @Test
    void a_worker_needs_the_components_of_the_modules_whose_tasks_reach_its_queues_only() {
        TaskRegistry registry = new TaskRegistry()
                .add(new Module("plain", List.of("celeriac.add"), List.of()), null)
                .add(new Module("stored", List.of("mail.send", "mail.digest"), List.of(Store.class)), null);

        assertEquals(Set.of(Store.class), registry.components());
        assertEquals(Set.of(), registry.componentsServing(task -> task.startsWith("celeriac.")), "a worker of builtins only");
        assertEquals(Set.of(Store.class), registry.componentsServing(task -> task.equals("mail.digest")), "one task of the module is enough");
    }
}
