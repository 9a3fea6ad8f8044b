/**
 * The trust layer: model cards that say what a fitted model is and how far to trust it, and safe,
 * versioned model files.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link fr.territoires.ia.core.trust.ModelCard}: the sections of Mitchell et al., "Model
 *       Cards for Model Reporting" (FAT* '19, doi:10.1145/3287560.3287596), built with
 *       {@code ModelCard.builder(name)}, rendered with {@code toMarkdown()} for people and
 *       {@code toJson()} / {@code fromJson(String)} for machines (exact round trip), and
 *       {@code toHtml()} as one standalone page.</li>
 *   <li>{@link fr.territoires.ia.core.trust.Bootstrap}: percentile bootstrap intervals of any
 *       metric over rows, seeded, returned as a card metric.</li>
 *   <li>{@link fr.territoires.ia.core.trust.Altai}: the ALTAI self-assessment (seven requirements),
 *       pre-filled from a card; questions only the public body can answer stay open and marked.</li>
 *   <li>{@link fr.territoires.ia.core.trust.PublicNotice}: the French public-algorithm notice
 *       (CRPA art. L312-1-3 and R311-3-1-2) written from a card.</li>
 *   <li>{@link fr.territoires.ia.core.trust.PersonalDataCheck}: warns when a column looks like
 *       personal data (names, e-mail, telephone, exact address, person identifiers).</li>
 *   <li>{@link fr.territoires.ia.core.trust.ModelFile}: one file format for every fitted model of
 *       the library, written atomically with {@code save(Path)} and read with
 *       {@code load(Path, expectedKind)}. Loading never uses Java deserialisation.</li>
 * </ul>
 *
 * <p><b>Model file format 1</b> (full description in {@code ModelFile}):
 * <pre>{@code
 * TERRITOIRES-IA-MODEL 1\n
 * {"kind":"...","kindVersion":1,"encoding":"json"|"tribuo-protobuf","library":"...",
 *  "cardLength":C,"payloadLength":P,"sha256":"<hex SHA-256 of the body>"}\n     (one line, <= 64 KiB)
 * <C bytes: model card JSON, UTF-8><P bytes: payload>                             (nothing after)
 * }</pre>
 * A foreign file, a newer format, a malformed header, a truncated body, trailing bytes or a
 * checksum mismatch each give an {@link java.lang.IllegalArgumentException} naming the file; a
 * newer format asks to upgrade the library. The checksum detects corruption, not tampering.
 */
@NullMarked
package fr.territoires.ia.core.trust;

import org.jspecify.annotations.NullMarked;
