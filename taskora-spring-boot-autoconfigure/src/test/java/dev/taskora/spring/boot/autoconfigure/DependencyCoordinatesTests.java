package dev.taskora.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Maven coordinates the documentation shows work as pasted: {@code taskora-bom}
 * manages every published artifact at the build's version, the pages that introduce the
 * dependency import it, and every taskora dependency shown without a version is one the
 * BOM manages.
 */
class DependencyCoordinatesTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);

	private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

	@Test
	void bomManagesEveryPublishedModuleAtTheBuildsVersion() throws Exception {
		Document bom = parse(ROOT.resolve("taskora-bom/pom.xml"));
		Document parent = parse(ROOT.resolve("pom.xml"));
		assertThat(child(bom.getDocumentElement(), "parent")).as("the BOM must not inherit Spring Boot's BOM").isNull();
		assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));
		List<String> managed = managed(bom);
		for (String module : published(parent)) {
			assertThat(managed).as("taskora-bom manages " + module).contains(module + ":jar:${project.version}");
		}
		assertThat(managed).contains("taskora-engine:test-jar:${project.version}");
	}

	@Test
	void pagesIntroducingTheDependencyImportTheBom() throws IOException {
		for (String page : List.of("docs/spring-boot.md", "docs/getting-started.md")) {
			String imports = xmlBlocks(Files.readString(ROOT.resolve(page))).stream()
				.flatMap(block -> dependencies(block).stream())
				.filter(dependency -> dependency.contains("<artifactId>taskora-bom</artifactId>"))
				.findFirst()
				.orElse("");
			assertThat(imports).as(page + " imports taskora-bom")
				.contains("<version>", "<type>pom</type>", "<scope>import</scope>");
		}
	}

	@Test
	void everyDependencyShownWithoutAVersionIsManagedByTheBom() throws Exception {
		List<String> managed = managed(parse(ROOT.resolve("taskora-bom/pom.xml")));
		List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter(path -> path.toString().endsWith(".md")).forEach(pages::add);
		}
		for (Path page : pages) {
			for (String block : xmlBlocks(Files.readString(page))) {
				for (String dependency : dependencies(block)) {
					String artifact = tag(dependency, "artifactId");
					if (!"dev.taskora".equals(tag(dependency, "groupId")) || dependency.contains("<version>")
							|| "taskora-bom".equals(artifact)) {
						continue;
					}
					String type = (tag(dependency, "type") != null) ? tag(dependency, "type") : "jar";
					assertThat(managed).as(ROOT.relativize(page) + " shows " + artifact + " without a version")
						.contains(artifact + ":" + type + ":${project.version}");
				}
			}
		}
	}

	/**
	 * The reactor's modules that users depend on (not the samples, the benchmarks or the
	 * BOM).
	 */
	private static List<String> published(Document parent) throws Exception {
		List<String> artifacts = new ArrayList<>();
		NodeList modules = parent.getElementsByTagName("module");
		for (int i = 0; i < modules.getLength(); i++) {
			String module = modules.item(i).getTextContent().trim();
			if (module.startsWith("samples/") || module.equals("bench") || module.equals("taskora-bom")) {
				continue;
			}
			artifacts.add(text(parse(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId"));
		}
		assertThat(artifacts).contains("taskora-engine", "taskora-spring-boot-autoconfigure",
				"taskora-spring-boot-starter");
		return artifacts;
	}

	private static List<String> managed(Document bom) {
		List<String> managed = new ArrayList<>();
		NodeList dependencies = bom.getElementsByTagName("dependency");
		for (int i = 0; i < dependencies.getLength(); i++) {
			Element dependency = (Element) dependencies.item(i);
			String type = (text(dependency, "type") != null) ? text(dependency, "type") : "jar";
			managed.add(text(dependency, "artifactId") + ":" + type + ":" + text(dependency, "version"));
		}
		return managed;
	}

	private static List<String> xmlBlocks(String markdown) {
		List<String> blocks = new ArrayList<>();
		Matcher matcher = XML_BLOCK.matcher(markdown);
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		return blocks;
	}

	private static List<String> dependencies(String xml) {
		List<String> dependencies = new ArrayList<>();
		Matcher matcher = DEPENDENCY.matcher(xml);
		while (matcher.find()) {
			dependencies.add(matcher.group(1));
		}
		return dependencies;
	}

	private static String tag(String xml, String name) {
		Matcher matcher = Pattern.compile("<" + name + ">\\s*(.*?)\\s*</" + name + ">").matcher(xml);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static Document parse(Path pom) throws Exception {
		return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
	}

	private static Element child(Element parent, String name) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				return element;
			}
		}
		return null;
	}

	private static String text(Element parent, String name) {
		Element child = child(parent, name);
		return (child != null) ? child.getTextContent().trim() : null;
	}

}
