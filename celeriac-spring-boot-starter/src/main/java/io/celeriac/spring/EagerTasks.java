package io.celeriac.spring;

import io.celeriac.testing.EagerCeleriac;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Eager mode's task registration: once every bean exists (task beans may take the client), the
 * application's task beans are given to the {@link EagerCeleriac}.
 */
final class EagerTasks implements SmartInitializingSingleton {
    private final EagerCeleriac celeriac;
    private final ListableBeanFactory beans;

    EagerTasks(EagerCeleriac celeriac, ListableBeanFactory beans) {
        this.celeriac = celeriac;
        this.beans = beans;
    }

    @Override
    public void afterSingletonsInstantiated() {
        TaskBeans.annotated(beans).forEach(celeriac::addTasks);
        TaskBeans.typed(beans).forEach(this::add);
    }

    private <A, R> void add(TaskBean<A, R> task) {
        celeriac.addTask(task.task(), task.body());
    }
}
