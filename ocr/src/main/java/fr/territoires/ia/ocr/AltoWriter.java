package fr.territoires.ia.ocr;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes recognised pages as ALTO XML v4 (Library of Congress schema {@code alto-4-2.xsd}, the format of
 * archives and the BnF): {@code TextBlock}, {@code TextLine} and {@code String} elements with their boxes
 * ({@code HPOS}, {@code VPOS}, {@code WIDTH}, {@code HEIGHT}) in pixels of the original image
 * ({@code MeasurementUnit} pixel) and word confidences ({@code WC}, in [0, 1]). Stateless and thread-safe.
 */
public final class AltoWriter {

    /** The ALTO v4 namespace. */
    public static final String NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#";

    private AltoWriter() {
    }

    /**
     * Returns the ALTO document of pages (one {@code Page} element each) as a string.
     *
     * @param sourceFileName the source image's file name, written in {@code sourceImageInformation}
     * @param pages the pages
     * @return the XML document
     */
    public static String toAlto(String sourceFileName, List<OcrPage> pages) {
        StringWriter out = new StringWriter();
        try {
            write(out, sourceFileName, pages);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string failed", e);
        }
        return out.toString();
    }

    /**
     * Writes the ALTO document of pages.
     *
     * @param out the destination
     * @param sourceFileName the source image's file name
     * @param pages the pages
     * @throws IOException when writing fails
     */
    public static void write(Writer out, String sourceFileName, List<OcrPage> pages) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("alto");
            x.writeDefaultNamespace(NAMESPACE);
            x.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
            x.writeAttribute("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation",
                    NAMESPACE + " http://www.loc.gov/standards/alto/v4/alto-4-2.xsd");
            x.writeStartElement("Description");
            element(x, "MeasurementUnit", "pixel");
            x.writeStartElement("sourceImageInformation");
            element(x, "fileName", sourceFileName);
            x.writeEndElement();
            x.writeStartElement("OCRProcessing");
            x.writeAttribute("ID", "OCR_0");
            x.writeStartElement("ocrProcessingStep");
            if (!pages.isEmpty() && !pages.get(0).preprocessing().steps().isEmpty()) {
                element(x, "processingStepSettings", String.join("; ", pages.get(0).preprocessing().steps()));
            }
            x.writeStartElement("processingSoftware");
            element(x, "softwareCreator", "Tesseract OCR (via Territoires IA)");
            element(x, "softwareName", "tesseract");
            element(x, "softwareVersion", OcrEngine.engineVersion());
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.writeStartElement("Layout");
            int blockId = 0;
            int lineId = 0;
            int wordId = 0;
            for (int p = 0; p < pages.size(); p++) {
                OcrPage page = pages.get(p);
                x.writeStartElement("Page");
                x.writeAttribute("ID", "page_" + (p + 1));
                x.writeAttribute("PHYSICAL_IMG_NR", Integer.toString(p + 1));
                x.writeAttribute("WIDTH", Integer.toString(page.width()));
                x.writeAttribute("HEIGHT", Integer.toString(page.height()));
                x.writeStartElement("PrintSpace");
                box(x, new Box(0, 0, page.width(), page.height()));
                for (OcrBlock block : page.blocks()) {
                    x.writeStartElement("TextBlock");
                    x.writeAttribute("ID", "block_" + (++blockId));
                    box(x, block.box());
                    for (OcrLine line : block.lines()) {
                        x.writeStartElement("TextLine");
                        x.writeAttribute("ID", "line_" + (++lineId));
                        box(x, line.box());
                        List<OcrWord> words = line.words();
                        for (int i = 0; i < words.size(); i++) {
                            if (i > 0) {
                                x.writeEmptyElement("SP");
                            }
                            OcrWord w = words.get(i);
                            x.writeEmptyElement("String");
                            x.writeAttribute("ID", "string_" + (++wordId));
                            box(x, w.box());
                            x.writeAttribute("WC", String.format(Locale.ROOT, "%.2f", w.confidence()));
                            x.writeAttribute("CONTENT", w.text());
                        }
                        x.writeEndElement();
                    }
                    x.writeEndElement();
                }
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.flush();
            out.write("\n");
        } catch (XMLStreamException e) {
            throw new IOException("writing ALTO failed: " + e.getMessage(), e);
        }
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text);
        x.writeEndElement();
    }

    private static void box(XMLStreamWriter x, Box b) throws XMLStreamException {
        x.writeAttribute("HPOS", Integer.toString(b.x()));
        x.writeAttribute("VPOS", Integer.toString(b.y()));
        x.writeAttribute("WIDTH", Integer.toString(b.width()));
        x.writeAttribute("HEIGHT", Integer.toString(b.height()));
    }
}
