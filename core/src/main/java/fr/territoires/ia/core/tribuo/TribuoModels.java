package fr.territoires.ia.core.tribuo;

import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.MapProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import fr.territoires.ia.core.trust.ModelCard;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;

/**
 * Saves and loads Tribuo models as protobuf bytes, safely, and reads their provenance as text.
 *
 * <p>Persistence uses Tribuo's protobuf serialisation (Tribuo 4.3 and later; see
 * {@code oracle/tribuo:docs/Security.md}), never Java serialisation: {@link #toProtobuf(Model)}
 * gives the bytes of the model's {@code ModelProto}, meant for the payload of a
 * {@link fr.territoires.ia.core.trust.ModelFile} with encoding {@code TRIBUO_PROTOBUF}, and
 * {@link #fromProtobuf(byte[], String)} rebuilds the model. Tribuo rebuilds a model by loading the
 * class named in the message, so before handing the message to Tribuo this class checks that the
 * name starts with {@code org.tribuo.}: a crafted file cannot make it load any other class. Nested
 * messages (feature maps, output information) are checked by Tribuo itself, which only accepts
 * classes implementing its {@code ProtoSerializable} interface; model files should still come
 * from sources you trust.
 *
 * <p>{@link #provenance(Model)} flattens Tribuo's provenance (model class, dataset, trainer and its
 * configured fields, training time, Tribuo and Java versions, operating system and architecture)
 * into an ordered map of text, ready for {@link ModelCard.Details#provenance()};
 * {@link #cardBuilder(String, Model)} fills a card's details from it.
 *
 * <p>Instances are immutable and safe for concurrent use (the class has none; its methods are
 * stateless).
 *
 * @since 0.1.0
 */
public final class TribuoModels {

    /** Prefix of the model class names {@link #fromProtobuf(byte[], String)} accepts. */
    public static final String ALLOWED_PREFIX = "org.tribuo.";

    private TribuoModels() {
    }

    /**
     * Serialises a Tribuo model to the bytes of its {@code ModelProto} message.
     *
     * @param model a fitted Tribuo model
     * @return the protobuf bytes
     * @throws NullPointerException when {@code model} is null
     */
    public static byte[] toProtobuf(Model<?> model) {
        Objects.requireNonNull(model, "model");
        return model.serialize().toByteArray();
    }

    /**
     * Rebuilds a Tribuo model from bytes written by {@link #toProtobuf(Model)}.
     *
     * @param bytes protobuf bytes of a {@code ModelProto}
     * @param sourceName name of the source for error messages, e.g. a file name
     * @return the model
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the bytes are not a valid {@code ModelProto}, name a
     *     model class outside {@code org.tribuo.}, or Tribuo cannot rebuild the model; the message
     *     names the source and the cause is kept
     */
    public static Model<?> fromProtobuf(byte[] bytes, String sourceName) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sourceName, "sourceName");
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(sourceName
                    + " does not hold a valid Tribuo model protobuf: " + e.getMessage(), e);
        }
        String className = proto.getClassName();
        if (!className.startsWith(ALLOWED_PREFIX) || className.length() == ALLOWED_PREFIX.length()) {
            throw new IllegalArgumentException(sourceName + " names model class \"" + className
                    + "\", which is not under " + ALLOWED_PREFIX + ": refusing to load it");
        }
        try {
            return Model.deserialize(proto);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(sourceName + ": Tribuo cannot rebuild model class "
                    + className + ": " + e, e);
        }
    }

    /**
     * Rebuilds a Tribuo model and checks its output type.
     *
     * @param bytes protobuf bytes of a {@code ModelProto}
     * @param sourceName name of the source for error messages
     * @param outputType expected output type, e.g. {@code Regressor.class}
     * @param <T> output type
     * @return the model, typed
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@link #fromProtobuf(byte[], String)} fails or the
     *     model predicts another output type; the message names both types
     */
    @SuppressWarnings("unchecked") // checked by Model.validate
    public static <T extends Output<T>> Model<T> fromProtobuf(byte[] bytes, String sourceName,
            Class<T> outputType) {
        Objects.requireNonNull(outputType, "outputType");
        Model<?> model = fromProtobuf(bytes, sourceName);
        if (!model.validate(outputType)) {
            throw new IllegalArgumentException(sourceName + " holds a model predicting "
                    + model.getOutputIDInfo().getDomain().stream().findFirst()
                            .map(o -> outputClass(o.getClass()).getName())
                            .orElse("an unknown output type")
                    + ", expected " + outputType.getName());
        }
        return (Model<T>) model;
    }

    /** Climbs to the most general output class, e.g. Regressor for Regressor.DimensionTuple. */
    private static Class<?> outputClass(Class<?> c) {
        Class<?> result = c;
        while (result.getSuperclass() != null && Output.class.isAssignableFrom(result.getSuperclass())) {
            result = result.getSuperclass();
        }
        return result;
    }

    /**
     * Flattens a model's Tribuo provenance into ordered text.
     *
     * <p>Keys are Tribuo's provenance names joined by dots, list items numbered in brackets, in
     * Tribuo's order; for example {@code class-name}, {@code dataset.num-examples},
     * {@code trainer.class-name}, {@code trainer.epochs}, {@code trained-at},
     * {@code tribuo-version}, {@code java-version}, {@code os-name}, {@code os-arch}. Values are
     * the provenance values as text; empty lists and maps read {@code []} and {@code {}}.
     *
     * @param model a Tribuo model
     * @return an unmodifiable map that keeps Tribuo's order
     * @throws NullPointerException when {@code model} is null
     */
    public static Map<String, String> provenance(Model<?> model) {
        Objects.requireNonNull(model, "model");
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", model.getProvenance(), out);
        return Collections.unmodifiableMap(out);
    }

    /**
     * Starts a model card whose details come from a Tribuo model: algorithm (the trainer class),
     * training time, seed (when the trainer has a {@code seed} field), options (the trainer's
     * configured fields, flattened) and provenance ({@link #provenance(Model)}).
     *
     * @param name name of the model for the card; not blank
     * @param model a Tribuo model
     * @return a builder to complete with intended use, metrics, data and caveats
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code name} is blank
     */
    public static ModelCard.Builder cardBuilder(String name, Model<?> model) {
        Objects.requireNonNull(model, "model");
        ModelCard.Builder builder = ModelCard.builder(name);
        ModelProvenance p = model.getProvenance();
        TrainerProvenance trainer = p.getTrainerProvenance();
        builder.algorithm(trainer.getClassName());
        builder.trainedAt(p.getTrainingTime().toInstant());
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, Provenance> e : trainer.getConfiguredParameters().entrySet()) {
            flatten(e.getKey(), e.getValue(), options);
            if (e.getKey().equals("seed") && e.getValue() instanceof PrimitiveProvenance<?> seed
                    && seed.getValue() instanceof Long value) {
                builder.seed(value);
            }
        }
        builder.options(options);
        builder.provenance(provenance(model));
        return builder;
    }

    private static void flatten(String key, Provenance p, Map<String, String> out) {
        if (p instanceof ObjectProvenance object) {
            for (Pair<String, Provenance> pair : object) {
                flatten(join(key, pair.getA()), pair.getB(), out);
            }
        } else if (p instanceof ListProvenance<?> list) {
            List<? extends Provenance> items = list.getList();
            if (items.isEmpty()) {
                out.put(key, "[]");
            }
            for (int i = 0; i < items.size(); i++) {
                flatten(key + "[" + i + "]", items.get(i), out);
            }
        } else if (p instanceof MapProvenance<?> map) {
            Map<String, ? extends Provenance> entries = map.getMap();
            if (entries.isEmpty()) {
                out.put(key, "{}");
            }
            for (Map.Entry<String, ? extends Provenance> e : entries.entrySet()) {
                flatten(join(key, e.getKey()), e.getValue(), out);
            }
        } else if (p instanceof PrimitiveProvenance<?> primitive) {
            out.put(key, String.valueOf(primitive.getValue()));
        } else {
            out.put(key, String.valueOf(p));
        }
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }
}
