package dev.taskora.engine.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A {@link ReliabilityWorker} in a JVM of its own, on the test's classpath, whose output
 * goes to a log file next to its accounting file. {@link #kill()} sends SIGKILL,
 * {@link #terminate()} SIGTERM.
 */
final class WorkerProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private final Path accounting;

	private WorkerProcess(String name, Process process, Path log, Path accounting) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.accounting = accounting;
	}

	/** Starts a worker and waits until it says it runs. */
	static WorkerProcess start(String name, Path directory, String redisUrl, String prefix, int concurrency,
			long handlerMs) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path log = directory.resolve(name + ".log");
		Path accounting = directory.resolve(name + ".runs");
		List<String> command = List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), ReliabilityWorker.class.getName(), redisUrl, prefix,
				Integer.toString(concurrency), Long.toString(handlerMs), accounting.toString());
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start worker " + name, ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "reliability-worker-stop"));
		WorkerProcess worker = new WorkerProcess(name, process, log, accounting);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("Worker " + name + " exited at start: " + worker.output());
			}
			return worker.output().contains("READY");
		});
		return worker;
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** The accounting file: {@code start <n>} and {@code done <n>} lines. */
	Path accounting() {
		return this.accounting;
	}

	/** SIGKILL: the JVM dies at once, mid-job, without any shutdown work. */
	void kill() {
		this.process.destroyForcibly();
		waitFor(Duration.ofSeconds(10));
	}

	/** SIGTERM: the JVM runs its shutdown hooks (taskora drains), then exits. */
	void terminate() {
		this.process.destroy();
	}

	/** Waits for the process to exit; whether it did. */
	boolean waitFor(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Resident memory of the process in KiB, from /proc (0 where there is none). */
	long residentKib() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or gone
		}
		return 0;
	}

	String output() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			waitFor(Duration.ofSeconds(10));
		}
	}

	/** An empty directory for a scenario's logs and accounting files. */
	static Path directory(String scenario) {
		File dir = new File("target/reliability/" + scenario);
		File[] old = dir.listFiles();
		if (old != null) {
			for (File file : old) {
				file.delete();
			}
		}
		dir.mkdirs();
		return dir.toPath();
	}

}
