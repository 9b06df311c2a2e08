package dev.taskora.spring.boot.test.autoconfigure;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * {@link TaskoraTestHarness#reset() Resets} taskora after each test method, so that tests
 * sharing a cached context start from an empty, idle app: no job, no running handler, no
 * pending event, the virtual clock at its start.
 */
public class ResetTaskoraTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			testContext.getApplicationContext()
				.getBeanProvider(TaskoraTestHarness.class)
				.ifAvailable(TaskoraTestHarness::reset);
		}
	}

}
