package dev.taskora.engine.adapter.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The Redis that integration tests run against, shared by every test in the JVM:
 * <ol>
 * <li>the URL in the environment variable {@code REDIS_URL}, if set;</li>
 * <li>otherwise a {@code redis-server} from the {@code PATH}, started on a free port
 * without persistence and killed when the JVM exits;</li>
 * <li>otherwise the tests fail with a message saying how to provide one.</li>
 * </ol>
 * Tests isolate their keys with a {@link #uniquePrefix() unique prefix}, never by
 * flushing. Other modules use it through the engine's test-jar.
 */
public final class RedisTestServer {

	private static final Duration STARTUP = Duration.ofSeconds(15);

	private static @Nullable RedisTestServer instance;

	private final String url;

	private final @Nullable File executable;

	private final int port;

	private volatile @Nullable Process process;

	private final String[] arguments;

	private RedisTestServer(String url, @Nullable File executable, int port, @Nullable Process process,
			String... arguments) {
		this.url = url;
		this.executable = executable;
		this.port = port;
		this.process = process;
		this.arguments = arguments;
	}

	/** The shared server, started on first use. */
	public static synchronized RedisTestServer get() {
		if (instance == null) {
			quietDriverLogs();
			instance = locate();
		}
		return instance;
	}

	/** The server's URL, e.g. {@code redis://127.0.0.1:41234}. */
	public String url() {
		return this.url;
	}

	/** Whether this JVM started the server (and may, say, restart it). */
	public boolean isManaged() {
		return this.executable != null;
	}

	/**
	 * A server of its own for a test that stops and restarts Redis, or {@code null} when
	 * no {@code redis-server} is on the PATH. The caller {@link #stop() stops} it.
	 */
	public static @Nullable RedisTestServer startPrivate() {
		File executable = findOnPath("redis-server");
		if (executable == null) {
			return null;
		}
		quietDriverLogs();
		int port = freePort();
		return new RedisTestServer("redis://127.0.0.1:" + port, executable, port, launch(executable, port));
	}

	/**
	 * A server of its own that keeps its data across a {@link #stop()} and
	 * {@link #restart()}: an append-only file in a new temporary directory, synced every
	 * second as production setups do ({@code appendfsync everysec}), or on every write
	 * with {@code fsyncAlways}. {@code null} when no {@code redis-server} is on the PATH.
	 * The caller {@link #stop() stops} it.
	 */
	public static @Nullable RedisTestServer startPrivatePersistent(boolean fsyncAlways) {
		File executable = findOnPath("redis-server");
		if (executable == null) {
			return null;
		}
		quietDriverLogs();
		File directory;
		try {
			directory = Files.createTempDirectory("redis-aof").toFile();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		directory.deleteOnExit();
		int port = freePort();
		String[] arguments = { "--appendonly", "yes", "--appendfsync", fsyncAlways ? "always" : "everysec", "--dir",
				directory.getAbsolutePath() };
		return new RedisTestServer("redis://127.0.0.1:" + port, executable, port, launch(executable, port, arguments),
				arguments);
	}

	/**
	 * A server of its own for a test that reads how long Redis spent on commands
	 * (SLOWLOG), or {@code null} when no {@code redis-server} is on the PATH. SLOWLOG
	 * times are wall-clock times: on a machine shared with other work they include the
	 * time the OS gave the CPU to other processes (a plain SET shows up at 60 ms under a
	 * load of 14 on 2 cores). So where the OS lets this JVM raise a process's scheduling
	 * priority (as root on Linux), the server runs at the highest it may, real-time
	 * ({@code chrt -f 10}) or else {@code nice -n -10}, and what SLOWLOG records is the
	 * server's own work; elsewhere it runs as any other process. Redis sleeps in its
	 * event loop when idle, so a real-time server takes the CPU only while it has
	 * commands to run. The caller {@link #stop() stops} it.
	 */
	public static @Nullable RedisTestServer startPrivateForTiming() {
		File executable = findOnPath("redis-server");
		if (executable == null) {
			return null;
		}
		quietDriverLogs();
		int port = freePort();
		return new RedisTestServer("redis://127.0.0.1:" + port, executable, port,
				launch(timingPrefix(), executable, port));
	}

	/**
	 * How {@link #startPrivateForTiming()} runs its server here: {@code chrt -f 10},
	 * {@code nice -n -10}, or as is.
	 */
	public static String timingPriority() {
		List<String> prefix = timingPrefix();
		return prefix.isEmpty() ? "default priority"
				: new File(prefix.get(0)).getName() + " " + String.join(" ", prefix.subList(1, prefix.size()));
	}

	private static List<String> timingPrefix() {
		File chrt = findOnPath("chrt");
		if (chrt != null && succeeds(chrt.getAbsolutePath(), "-f", "10", "true")) {
			return List.of(chrt.getAbsolutePath(), "-f", "10");
		}
		File nice = findOnPath("nice");
		// nice runs the command even when it may not lower the niceness; the inner nice
		// prints what it got
		if (nice != null && "-10".equals(output(nice.getAbsolutePath(), "-n", "-10", nice.getAbsolutePath()))) {
			return List.of(nice.getAbsolutePath(), "-n", "-10");
		}
		return List.of();
	}

	private static boolean succeeds(String... command) {
		try {
			Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
			probe.getInputStream().readAllBytes();
			return probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static @Nullable String output(String... command) {
		try {
			Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return probe.waitFor(5, TimeUnit.SECONDS) ? output : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * Kills a server this JVM started (as a crash would: no save, connections drop); a
	 * no-op once stopped.
	 */
	public void stop() {
		if (this.executable == null) {
			throw new IllegalStateException("Only a server started by the tests can be stopped");
		}
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroyForcibly();
		try {
			running.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	/**
	 * Stops a server this JVM started as an operator would (SIGTERM): Redis finishes
	 * writing its append-only file, closes its connections and exits; a no-op once
	 * stopped.
	 */
	public void stopGracefully() {
		if (this.executable == null) {
			throw new IllegalStateException("Only a server started by the tests can be stopped");
		}
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroy();
		try {
			if (!running.waitFor(10, TimeUnit.SECONDS)) {
				running.destroyForcibly();
				running.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	/**
	 * Starts a stopped server again on the same port: empty, or with what its append-only
	 * file holds when {@link #startPrivatePersistent started persistent}.
	 */
	public void restart() {
		if (this.executable == null) {
			throw new IllegalStateException("Only a server started by the tests can be restarted");
		}
		if (this.process != null) {
			stop();
		}
		this.process = launch(this.executable, this.port, this.arguments);
	}

	/**
	 * The server's process id, for a test that signals it; -1 when it is not running
	 * here.
	 */
	public long pid() {
		Process running = this.process;
		return (running != null) ? running.pid() : -1;
	}

	/** A key prefix no other test uses. */
	public static String uniquePrefix() {
		return "test-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Options for this server with a unique prefix and a short command timeout. */
	public RedisAdapterOptions.Builder options() {
		return RedisAdapterOptions.builder()
			.url(this.url)
			.prefix(uniquePrefix())
			.commandTimeout(Duration.ofSeconds(5))
			.connectTimeout(Duration.ofSeconds(2));
	}

	/** A new (not yet connected) adapter with its own prefix. */
	public RedisAdapter newAdapter() {
		return RedisAdapter.create(options().build());
	}

	private static RedisTestServer locate() {
		String fromEnvironment = System.getenv("REDIS_URL");
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return new RedisTestServer(fromEnvironment.trim(), null, 0, null);
		}
		File executable = findOnPath("redis-server");
		if (executable == null) {
			throw new IllegalStateException("The Redis integration tests need Redis 7 or newer: set REDIS_URL "
					+ "(e.g. REDIS_URL=redis://127.0.0.1:6379) or put redis-server on the PATH "
					+ "(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis).");
		}
		int port = freePort();
		return new RedisTestServer("redis://127.0.0.1:" + port, executable, port, launch(executable, port));
	}

	/**
	 * Starts {@code redis-server} on the port without persistence and waits until it
	 * accepts connections.
	 */
	static Process launch(File executable, int port, String... extraArguments) {
		return launch(List.of(), executable, port, extraArguments);
	}

	/**
	 * {@link #launch(File, int, String...)} behind a command prefix
	 * ({@code nice -n -10}).
	 */
	static Process launch(List<String> prefix, File executable, int port, String... extraArguments) {
		List<String> command = new ArrayList<>(prefix);
		command.addAll(List.of(executable.getAbsolutePath(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--loglevel", "notice"));
		command.addAll(List.of(extraArguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + executable, ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "redis-test-server-stop"));
		CountDownLatch ready = new CountDownLatch(1);
		Deque<String> lastLines = new ArrayDeque<>();
		Thread drain = new Thread(() -> drain(process, ready, lastLines), "redis-test-server-output");
		drain.setDaemon(true);
		drain.start();
		try {
			if (!ready.await(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("redis-server on port " + port + " did not become ready within "
						+ STARTUP + "; its last output: " + String.join(" | ", lastLines));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting redis-server", ex);
		}
		return process;
	}

	/** Reads the server's output (a full pipe would stall it), signalling readiness. */
	private static void drain(Process process, CountDownLatch ready, Deque<String> lastLines) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				synchronized (lastLines) {
					lastLines.addLast(line);
					if (lastLines.size() > 10) {
						lastLines.removeFirst();
					}
				}
				if (line.contains("Ready to accept connections")) {
					ready.countDown();
				}
			}
		}
		catch (IOException ex) {
			// the server is gone; a test using it will report that
		}
	}

	/**
	 * Without a logging configuration Logback logs everything at DEBUG, and Lettuce and
	 * Netty then log every command. Raise them to INFO unless a configuration already set
	 * their level.
	 */
	static void quietDriverLogs() {
		for (String name : new String[] { "io.lettuce", "io.netty", "reactor" }) {
			if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger
					&& logger.getLevel() == null && logger.isDebugEnabled()) {
				logger.setLevel(ch.qos.logback.classic.Level.INFO);
			}
		}
	}

	static @Nullable File findOnPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			File candidate = new File(directory, name);
			if (candidate.isFile() && candidate.canExecute()) {
				return candidate;
			}
		}
		return null;
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for redis-server", ex);
		}
	}

}
