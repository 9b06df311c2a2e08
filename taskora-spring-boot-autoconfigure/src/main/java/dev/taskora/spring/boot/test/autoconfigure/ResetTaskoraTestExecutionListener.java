package dev.taskora.spring.boot.test.autoconfigure;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Deletes every job of the memory adapter after each test method, so that tests sharing a cached
 * context do not see each other's jobs.
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
				.ifAvailable(TaskoraTestHarness::clear);
		}
	}

}
