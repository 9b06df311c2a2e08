package dev.taskora.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.lettuce.core.resource.EpollProvider;

/**
 * What ran: this build, the JVM, the client libraries and the server, for the report's
 * header.
 */
final class Versions {

	private Versions() {
	}

	static Map<String, String> of(String redisVersion, BenchOptions options) {
		Map<String, String> versions = new LinkedHashMap<>();
		versions.put("taskora-java", artifact("dev.taskora", "taskora-engine"));
		versions.put("java", System.getProperty("java.version"));
		versions.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
		versions.put("lettuce", artifact("io.lettuce", "lettuce-core"));
		versions.put("jackson", artifact("tools.jackson.core", "jackson-databind"));
		versions.put("redis", redisVersion);
		versions.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
		versions.put("handlers", options.nonBlocking() ? "non-blocking, on the event loop"
				: options.virtualThreads() ? "virtual threads" : "platform threads");
		versions.put("transport", EpollProvider.isAvailable() ? "epoll" : "nio");
		return versions;
	}

	/**
	 * The version in the artifact's {@code pom.properties}, which jars (and so the fat
	 * jar) carry.
	 */
	static String artifact(String group, String artifact) {
		String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
		try (InputStream in = Versions.class.getResourceAsStream(path)) {
			if (in == null) {
				return "unknown";
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
