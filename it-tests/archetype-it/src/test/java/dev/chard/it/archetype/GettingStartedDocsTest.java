package dev.chard.it.archetype;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code docs/getting-started.md} says that the ITs do not run: its version table is what {@code bom/pom.xml}
 * manages, and README's "Start a project" gives the same install and generate commands.
 */
class GettingStartedDocsTest {

    private static final Path ROOT = Path.of("..", "..");
    /** {@code | what | `group:artifact` | version |} */
    private static final Pattern ROW = Pattern.compile("^\\| [^|]+ \\| `([\\w.-]+):([\\w.-]+)` \\| ([\\w.-]+) \\|$");

    @Test
    void everyVersionInTheTableIsTheOneTheBomManages() throws Exception {
        Map<String, String> bom = managedVersions(ROOT.resolve("bom/pom.xml"));
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/getting-started.md"));
        int rows = 0;
        for (String line : lines) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            rows++;
            String key = m.group(1) + ":" + m.group(2);
            String managed = bom.get(key);
            assertNotNull(managed, key + " is in getting-started's table but not managed by bom/pom.xml");
            assertEquals(managed, m.group(3), "version of " + key + " in docs/getting-started.md");
        }
        assertTrue(rows >= 8, "getting-started's version table has " + rows + " rows");
    }

    @Test
    void readmeGivesGettingStartedsInstallAndGenerateCommands() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String gettingStarted = Files.readString(ROOT.resolve("docs/getting-started.md"));
        String install = "mvn -B -ntp install -DskipTests\n";
        assertTrue(gettingStarted.contains("```sh\n" + install + "```"), "getting-started's install block");
        String generate = GettingStartedDoc.read(ROOT).snippet("se", "generate").text().replace("cd hello\n", "");
        assertTrue(readme.contains("```sh\n" + install + generate + "```"),
                "README's \"Start a project\" block should be the install command and getting-started's:\n" + generate);
    }

    /** groupId:artifactId → version, with the BOM's own properties and {@code project.version} resolved. */
    private static Map<String, String> managedVersions(Path pom) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Element project = doc.getDocumentElement();
        Map<String, String> properties = new HashMap<>();
        properties.put("project.version", child(project, "version"));
        Node props = project.getElementsByTagName("properties").item(0);
        for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                properties.put(e.getTagName(), e.getTextContent().trim());
            }
        }
        Map<String, String> versions = new HashMap<>();
        versions.put("dev.chard:chard-bom", properties.get("project.version"));
        NodeList deps = ((Element) project.getElementsByTagName("dependencyManagement").item(0)).getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String version = child(d, "version");
            Matcher ref = Pattern.compile("\\$\\{(.+)}").matcher(version);
            if (ref.matches()) {
                version = properties.get(ref.group(1));
            }
            versions.put(child(d, "groupId") + ":" + child(d, "artifactId"), version);
        }
        return versions;
    }

    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
    }
}
