package dev.chard.worker.boot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

/**
 * The bean-discovery-mode an archive's beans.xml declares. CDI 4.0 (§12.1) changed the meaning of an empty
 * beans.xml from "all" to "annotated"; Chard follows CDI 4.0, like the servers it targets.
 */
public enum BeanDiscovery {
    ANNOTATED, ALL, NONE;

    /** The mode of a beans.xml's content; null or blank content (or no file) is ANNOTATED. */
    public static BeanDiscovery of(byte[] beansXml) {
        if (beansXml == null || new String(beansXml, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return ANNOTATED;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // beans.xml comes from the user's archive: no DTDs, no external entities
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setNamespaceAware(true);
            Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(beansXml)).getDocumentElement();
            String mode = root.getAttribute("bean-discovery-mode").trim().toLowerCase(Locale.ROOT);
            return switch (mode) {
                case "all" -> ALL;
                case "none" -> NONE;
                default -> ANNOTATED;
            };
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            // Weld itself would reject an unreadable beans.xml; here the safe reading is the CDI 4 default
            return ANNOTATED;
        }
    }
}
