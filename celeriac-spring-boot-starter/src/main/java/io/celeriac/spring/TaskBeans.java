package io.celeriac.spring;

import io.celeriac.CeleriacTask;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The application's tasks: every bean with a {@link CeleriacTask} method (found by its type, so no
 * bean is created for the search) and every {@link TaskBean}. A proxied bean (transactions,
 * security) is called through its proxy, so its advice applies to the task.
 */
final class TaskBeans {
    private TaskBeans() {
    }

    static List<Object> annotated(ListableBeanFactory beans) {
        List<Object> found = new ArrayList<>();
        for (String name : beans.getBeanDefinitionNames()) {
            Class<?> type = beans.getType(name, false);
            if (type != null && hasTask(ClassUtils.getUserClass(type))) {
                found.add(beans.getBean(name));
            }
        }
        return found;
    }

    static List<TaskBean<?, ?>> typed(ListableBeanFactory beans) {
        List<TaskBean<?, ?>> found = new ArrayList<>();
        beans.getBeanProvider(TaskBean.class).orderedStream().forEach(found::add);
        return found;
    }

    private static boolean hasTask(Class<?> type) {
        if (type.getName().startsWith("org.springframework.")) {
            return false;
        }
        boolean[] any = new boolean[1];
        ReflectionUtils.doWithMethods(type, method -> any[0] = true, TaskBeans::isTask);
        return any[0];
    }

    private static boolean isTask(Method method) {
        return AnnotatedElementUtils.hasAnnotation(method, CeleriacTask.class);
    }
}
