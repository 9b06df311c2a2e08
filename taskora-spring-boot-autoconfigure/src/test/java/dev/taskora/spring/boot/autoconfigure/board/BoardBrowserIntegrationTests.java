package dev.taskora.spring.boot.autoconfigure.board;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.engine.workflow.Workflows;
import dev.taskora.spring.boot.autoconfigure.board.BoardTestApp.Order;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The board in a real browser: Debian's headless Chromium driven through its chromedriver
 * (never a downloaded browser; {@code .ci/run} installs both). Signs in, watches the
 * overview move when a job is dispatched, retries a failed job, pauses a schedule, draws
 * a workflow's DAG, and saves the screenshots the docs show
 * ({@code docs/images/board-*.png}, refreshed with
 * {@code -Dboard.screenshots=../docs/images}).
 */
@SpringBootTest(classes = BoardTestApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "taskora.adapter=memory", "taskora.board.enabled=true", "taskora.board.username=ops",
				"taskora.board.password=board-pw", "taskora.board.secret=browser-tests-secret-0123456789abcdef",
				"taskora.board.redact=password,creditCard,token", "taskora.board.refresh-interval=500ms",
				"taskora.board.theme=light" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoardBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static WebDriver driver;

	@LocalServerPort
	private int port;

	@Autowired
	private TaskoraOperations operations;

	@Autowired
	private Schedules schedules;

	@BeforeAll
	static void startChromium() {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Skipped: Debian's chromium and chromium-driver are not installed"
						+ " (apt-get install -y chromium chromium-driver; .ci/run does it)");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1360,900", "--force-prefers-reduced-motion");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopChromium() {
		if (driver != null) {
			driver.quit();
		}
	}

	@BeforeEach
	void signIn() {
		driver.get(url("/taskora"));
		if (driver.getCurrentUrl().contains("/taskora/login")) {
			driver.findElement(By.id("username")).sendKeys("ops");
			driver.findElement(By.id("password")).sendKeys("board-pw");
			driver.findElement(By.id("sign-in")).click();
		}
		wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#stats [data-stat='completed']")));
	}

	@Test
	@org.junit.jupiter.api.Order(1)
	void signsInThroughTheLoginPageAndLandsOnTheOverview() throws IOException {
		driver.manage().deleteAllCookies();
		driver.get(url("/taskora"));
		assertThat(driver.getCurrentUrl()).contains("/taskora/login?redirect=");
		screenshot("board-login");
		driver.findElement(By.id("username")).sendKeys("ops");
		driver.findElement(By.id("password")).sendKeys("wrong");
		driver.findElement(By.id("sign-in")).click();
		wait(ExpectedConditions.presenceOfElementLocated(By.className("login-error")));
		driver.findElement(By.id("username")).sendKeys("ops");
		driver.findElement(By.id("password")).sendKeys("board-pw");
		driver.findElement(By.id("sign-in")).click();
		wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-task='echo']")));
		assertThat(driver.getCurrentUrl()).matches(".*/taskora/?(#/)?");
		assertThat(driver.findElement(By.className("brand")).getText()).isEqualTo("Taskora");
	}

	@Test
	@org.junit.jupiter.api.Order(2)
	void updatesTheOverviewLiveWhenAJobIsDispatched() throws IOException {
		seed();
		wait(ExpectedConditions.textToBe(By.id("live"), "live"));
		long before = completedCard();
		ResultHandle<Object> handle = this.operations.dispatch("echo", "live-" + UUID.randomUUID());
		handle.await(WAIT);
		new WebDriverWait(driver, WAIT).until(d -> completedCard() > before);
		assertThat(driver.getCurrentUrl()).matches(".*/taskora/?(#/)?");
		new WebDriverWait(driver, WAIT)
			.until(d -> !d.findElements(By.cssSelector("#chart svg rect.bar-completed")).isEmpty());
		screenshot("board-overview");
	}

	@Test
	@org.junit.jupiter.api.Order(3)
	void opensAFailedJobAndRetriesIt() throws IOException {
		ResultHandle<Object> failed = this.operations.dispatch("echo", "twice-in-the-browser");
		assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> failed.await(WAIT));
		driver.get(url("/taskora/#/tasks/echo?state=failed&offset=0"));
		wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-job='" + failed.id() + "'] a")))
			.click();
		wait(ExpectedConditions.textToBe(By.cssSelector("#job-state .badge"), "failed"));
		assertThat(driver.findElement(By.id("job-panel")).getText()).contains("asked to fail");
		assertThat(driver.findElement(By.id("job-attempt")).getText()).isEqualTo("2 of 2");
		screenshot("board-job-failed");
		driver.findElement(By.id("job-retry")).click();
		wait(ExpectedConditions.textToBe(By.cssSelector("#job-state .badge"), "completed"));
		assertThat(failed.state()).isEqualTo(JobState.COMPLETED);
		driver.findElement(By.cssSelector(".tab[data-tab='logs']")).click();
		assertThat(driver.findElement(By.id("job-panel")).getText()).contains("echoing twice-in-the-browser");
	}

	@Test
	@org.junit.jupiter.api.Order(4)
	void pausesAndResumesASchedule() throws IOException {
		driver.get(url("/taskora/#/schedules"));
		WebElement pause = wait(ExpectedConditions
			.elementToBeClickable(By.cssSelector("tr[data-schedule='echo-hourly'] button.pause")));
		pause.click();
		wait(ExpectedConditions.textToBe(By.cssSelector("tr[data-schedule='echo-hourly'] .schedule-status .badge"),
				"paused"));
		assertThat(this.schedules.find("echo-hourly").orElseThrow().paused()).isTrue();
		screenshot("board-schedules");
		driver.findElement(By.cssSelector("tr[data-schedule='echo-hourly'] button.resume")).click();
		wait(ExpectedConditions.textToBe(By.cssSelector("tr[data-schedule='echo-hourly'] .schedule-status .badge"),
				"active"));
		assertThat(this.schedules.find("echo-hourly").orElseThrow().paused()).isFalse();
	}

	@Test
	@org.junit.jupiter.api.Order(5)
	void showsTheDeadLettersGroupedByErrorAndATasksJobs() throws IOException {
		driver.get(url("/taskora/#/dlq"));
		wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#error-groups td")));
		assertThat(driver.findElement(By.id("error-groups")).getText()).contains("card declined");
		screenshot("board-dead-letters");
		driver.get(url("/taskora/#/tasks/orders?state=completed&offset=0"));
		wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-job]")));
		screenshot("board-task");
		driver.findElement(By.cssSelector("tr[data-job] a")).click();
		wait(ExpectedConditions.presenceOfElementLocated(By.id("job-panel")));
		String data = driver.findElement(By.id("job-panel")).getText();
		assertThat(data).contains("[REDACTED]").doesNotContain("hunter2");
	}

	@Test
	@org.junit.jupiter.api.Order(6)
	void findsAJobByIdFromTheSearchBarAndSwitchesTheTheme() {
		ResultHandle<Object> handle = this.operations.dispatch("echo", "searched");
		handle.await(WAIT);
		driver.findElement(By.tagName("body")).sendKeys("/");
		WebElement search = driver.switchTo().activeElement();
		assertThat(search.getAttribute("id")).isEqualTo("job-search");
		search.sendKeys(handle.id() + "\n");
		wait(ExpectedConditions.textToBe(By.cssSelector("#job-state .badge"), "completed"));
		String before = driver.findElement(By.tagName("html")).getAttribute("data-theme");
		driver.findElement(By.id("theme")).click();
		assertThat(driver.findElement(By.tagName("html")).getAttribute("data-theme")).isNotEqualTo(before);
		driver.findElement(By.tagName("body")).sendKeys("2");
		wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-schedule]")));
	}

	@Test
	@org.junit.jupiter.api.Order(7)
	@SuppressWarnings("unchecked")
	void drawsAWorkflowAsADagWhoseNodesOpenTheirJobs() throws Exception {
		Task<String, String> echo = (Task<String, String>) this.operations.findTask("echo").orElseThrow();
		var workflow = Workflows.chain(echo.s("dag"), Workflows.group(echo.s(), echo.s()), echo.s("joined")).dispatch();
		workflow.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
		driver.get(url("/taskora/#/sections/workflows"));
		wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-workflow='" + workflow.id() + "'] a")))
			.click();
		wait(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#dag .node"), 4));
		assertThat(driver.findElements(By.cssSelector("#dag .node.state-completed"))).hasSize(4);
		assertThat(driver.findElements(By.cssSelector("#dag path.edge"))).hasSize(4);
		assertThat(driver.findElement(By.cssSelector("#workflow-state .badge")).getText()).isEqualTo("completed");
		screenshot("board-workflow");
		driver.findElement(By.cssSelector("#dag .node[data-node='0']")).click();
		wait(ExpectedConditions.textToBe(By.cssSelector("#job-state .badge"), "completed"));
		assertThat(driver.findElement(By.cssSelector(".facts")).getText()).contains("node 0");
	}

	@Test
	@org.junit.jupiter.api.Order(8)
	void showsEveryTasksPayloadVersions() throws IOException {
		driver.get(url("/taskora/#/sections/migrations"));
		wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#migrations tr[data-task='echo']")));
		assertThat(driver.findElement(By.cssSelector("#migrations tr[data-task='echo']")).getText()).contains("v1");
		screenshot("board-migrations");
	}

	private void seed() {
		for (int i = 0; i < 6; i++) {
			this.operations.dispatch("echo", "seed-" + i).await(WAIT);
		}
		for (int i = 0; i < 3; i++) {
			this.operations
				.dispatch("orders",
						new Order("ord-" + i, Map.of("name", "Ada", "password", "hunter2"),
								List.of(Map.of("creditCard", "4111-1111-1111-1111", "amount", 10 + i)), false))
				.await(WAIT);
		}
		for (int i = 0; i < 2; i++) {
			ResultHandle<Object> declined = this.operations.dispatch("orders",
					new Order("ord-x" + i, Map.of("name", "Bob"), List.of(), true));
			assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> declined.await(WAIT));
		}
		this.operations.dispatch("echo", "later", DispatchOptions.delay(Duration.ofHours(2))).enqueued().join();
		await().atMost(WAIT).until(() -> this.operations.inspect().stats().completed() >= 9);
	}

	private long completedCard() {
		String text = driver.findElement(By.cssSelector("#stats [data-stat='completed'] .card-value")).getText();
		return Long.parseLong(text.replaceAll("[^0-9]", ""));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static <T> T wait(Function<? super WebDriver, T> condition) {
		return new WebDriverWait(driver, WAIT).until(condition);
	}

	/**
	 * Saved in target/screenshots, or where {@code -Dboard.screenshots} says: the docs'
	 * images are refreshed on purpose ({@code -Dboard.screenshots=../docs/images}), not
	 * by every test run.
	 */
	private static void screenshot(String name) throws IOException {
		File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Path directory = Path.of(System.getProperty("board.screenshots", "target/screenshots"));
		Files.createDirectories(directory);
		Files.copy(shot.toPath(), directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
