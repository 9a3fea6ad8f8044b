/**
 * Text recognition from page images and PDF files, on the Tesseract 5 engine.
 *
 * <p>The front door is {@link fr.territoires.ia.ocr.OcrEngine}. Results are
 * {@link fr.territoires.ia.ocr.OcrPage} values; {@link fr.territoires.ia.ocr.AltoWriter} writes ALTO v4,
 * {@link fr.territoires.ia.ocr.FieldExtractor} finds dates, amounts and identifiers and
 * {@link fr.territoires.ia.ocr.Redactor} masks personal identifiers for publication.
 */
package fr.territoires.ia.ocr;
