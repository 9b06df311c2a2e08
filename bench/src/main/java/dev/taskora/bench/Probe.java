package dev.taskora.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Brackets a timed window: wall clock, this JVM's CPU time, the Redis server's CPU and
 * command time, and (on Linux) the CPU time the whole machine was busy, which tells how
 * much other processes took. The counters are read outside the wall-clock window, so
 * reading them costs the measurement nothing.
 */
final class Probe {

	private static final com.sun.management.@Nullable OperatingSystemMXBean PROCESS = processBean();

	private static final Path PROC_STAT = Path.of("/proc/stat");

	/**
	 * The kernel's clock tick, USER_HZ: 100 on every Linux architecture the JVM runs on.
	 */
	private static final long NANOS_PER_TICK = 10_000_000;

	private final BenchStore store;

	private long startNanos;

	private long stopNanos;

	private long cpuBefore;

	private long cpuAfter;

	private long serverCpuBefore;

	private long serverCpuAfter;

	private long commandBefore;

	private long commandAfter;

	private long machineBefore;

	private long machineAfter;

	Probe(BenchStore store) {
		this.store = store;
	}

	void start() {
		this.serverCpuBefore = this.store.cpuMicros();
		this.commandBefore = this.store.commandMicros();
		this.machineBefore = machineBusyNanos();
		this.cpuBefore = processCpuNanos();
		this.startNanos = System.nanoTime();
	}

	void stop() {
		this.stopNanos = System.nanoTime();
		this.cpuAfter = processCpuNanos();
		this.machineAfter = machineBusyNanos();
		this.serverCpuAfter = this.store.cpuMicros();
		this.commandAfter = this.store.commandMicros();
	}

	/** When the window started, on the {@link System#nanoTime()} scale. */
	long startNanos() {
		return this.startNanos;
	}

	Measurement measurement(int jobs, long memoryDelta, long @Nullable [] latencies) {
		long clientCpu = (this.cpuBefore < 0 || this.cpuAfter < 0) ? -1 : this.cpuAfter - this.cpuBefore;
		long machine = (this.machineBefore < 0 || this.machineAfter < 0) ? -1 : this.machineAfter - this.machineBefore;
		return new Measurement(jobs, this.stopNanos - this.startNanos, clientCpu,
				this.serverCpuAfter - this.serverCpuBefore, this.commandAfter - this.commandBefore, machine,
				memoryDelta, latencies);
	}

	private static long processCpuNanos() {
		return (PROCESS != null) ? PROCESS.getProcessCpuTime() : -1;
	}

	/**
	 * CPU time all cores spent outside idle and I/O wait so far (the first line of
	 * /proc/stat), -1 elsewhere.
	 */
	static long machineBusyNanos() {
		try {
			return busyTicks(Files.readAllLines(PROC_STAT).get(0)) * NANOS_PER_TICK;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Busy ticks of a {@code cpu user nice system idle iowait irq softirq steal ...}
	 * line.
	 */
	static long busyTicks(String cpuLine) {
		String[] fields = cpuLine.trim().split("\\s+");
		if (!fields[0].equals("cpu")) {
			throw new IllegalArgumentException("not the cpu line of /proc/stat: '" + cpuLine + "'");
		}
		long busy = 0;
		for (int i = 1; i < Math.min(fields.length, 9); i++) {
			if (i != 4 && i != 5) { // idle, iowait
				busy += Long.parseLong(fields[i]);
			}
		}
		return busy;
	}

	private static com.sun.management.@Nullable OperatingSystemMXBean processBean() {
		OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
		return (bean instanceof com.sun.management.OperatingSystemMXBean process) ? process : null;
	}

}
