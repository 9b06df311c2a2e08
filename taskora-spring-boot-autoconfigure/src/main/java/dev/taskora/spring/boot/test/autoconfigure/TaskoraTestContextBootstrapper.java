package dev.taskora.spring.boot.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Bootstraps {@link TaskoraTest}, applying its {@code properties}. */
class TaskoraTestContextBootstrapper extends TestSliceTestContextBootstrapper<TaskoraTest> {

}
