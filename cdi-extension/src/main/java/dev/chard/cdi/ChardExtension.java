package dev.chard.cdi;

import dev.chard.api.AsyncTask;
import dev.chard.api.ConfigurationException;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.errors.DeploymentErrors;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.engine.registry.TaskSettings;
import dev.chard.engine.registry.TaskSettingsResolver;
import dev.chard.engine.serialization.JsonProviders;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chard's portable extension. It registers Chard's own beans (so the jar needs no beans.xml and works whatever the
 * application's discovery mode), finds and validates every {@code @AsyncTask} method of the managed beans, and at
 * the end of discovery builds the immutable {@link TaskRegistry} and reads the configuration. Problems are CDI
 * definition errors with CHARD codes: the deployment (or the worker's start) fails, naming the method or the key.
 */
public class ChardExtension implements Extension {

    private final List<TaskDescriptor> found = new ArrayList<>();
    private TaskRegistry registry = TaskRegistry.empty();
    private ChardConfig config;

    void registerOwnBeans(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
        for (Class<?> c : List.of(AsyncTaskInterceptor.class, WorkerInvocation.class, TaskInvoker.class, ChardRuntime.class,
                CurrentTaskInstance.class)) {
            bbd.addAnnotatedType(bm.createAnnotatedType(c), ChardExtension.class.getName() + "." + c.getSimpleName());
        }
    }

    <T> void findTasks(@Observes ProcessManagedBean<T> pmb) {
        AnnotatedType<T> type = pmb.getAnnotatedBeanClass();
        if (TaskMethodScanner.hasTasks(type)) {
            found.addAll(TaskMethodScanner.scan(type, pmb::addDefinitionError));
        }
    }

    void buildRegistry(@Observes AfterBeanDiscovery abd) {
        Map<String, TaskDescriptor> byName = new HashMap<>();
        List<TaskDescriptor> unique = new ArrayList<>();
        for (TaskDescriptor d : found) {
            TaskDescriptor first = byName.putIfAbsent(d.name(), d);
            if (first == null) {
                unique.add(d);
            } else if (!first.method().equals(d.method())) {
                abd.addDefinitionError(DeploymentErrors.duplicateName(d.name(), first.method(), d.method()));
            }
        }
        try {
            config = ChardConfig.load(Thread.currentThread().getContextClassLoader());
        } catch (ConfigurationException e) {
            abd.addDefinitionError(DeploymentErrors.badConfiguration(e));
        }
        try {
            JsonProviders.require(); // at deployment, not at the first send
        } catch (ConfigurationException e) {
            abd.addDefinitionError(e);
        }
        List<TaskDescriptor> resolved = new ArrayList<>();
        for (TaskDescriptor d : unique) {
            AsyncTask a = d.method().isAnnotationPresent(AsyncTask.class) ? d.method().getAnnotation(AsyncTask.class)
                    : d.beanClass().getAnnotation(AsyncTask.class);
            TaskSettings settings = TaskSettingsResolver.resolve(d, a, config, abd::addDefinitionError);
            if (settings != null) {
                resolved.add(d.withSettings(settings));
            }
        }
        registry = new TaskRegistry(resolved);
    }

    /** The tasks of this deployment; complete after bean discovery. */
    public TaskRegistry registry() {
        return registry;
    }

    /** The configuration read at the end of discovery. */
    ChardConfig config() {
        return config;
    }
}
